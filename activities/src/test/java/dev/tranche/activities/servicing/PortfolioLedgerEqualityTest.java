package dev.tranche.activities.servicing;

import dev.tranche.decision.Tier;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.portfolio.Behaviour;
import dev.tranche.portfolio.LoanPlan;
import dev.tranche.portfolio.PortfolioSimulation;
import dev.tranche.servicing.LoanPostings;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.LoanSimulation;
import dev.tranche.servicing.LoanStatus;
import dev.tranche.servicing.PaymentReceived;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio simulation's promise: a sample of its loans, run through the real servicing and collection workflows
 * (time-skipped, PostgreSQL ledger, the sandbox's rail scripted with the plan's returned debits, the borrowers'
 * payments signalled when the plan makes them), ends the year with the simulation's ledger to the cent: every
 * posting's key, kind, accounts and amounts. Every behaviour of the mix is in the sample (24 loans here;
 * {@code -Dtranche.simulation.sample=100} runs the hundred).
 */
class PortfolioLedgerEqualityTest extends ServicingScenario {

  @Test
  void a_sample_of_the_simulation_run_through_the_real_workflows_has_the_simulations_ledger_to_the_cent()
      throws Exception {
    int size = Integer.getInteger("tranche.simulation.sample", 24);
    Random random = new Random(20261203L);
    LocalDate start = LocalDates.utcDate(env.currentTimeMillis());
    long horizon = PortfolioSimulation.horizon(start, 12);
    Behaviour[] behaviours = Behaviour.values();

    // Book each loan of the sample and script its autopay account's debits as the plan returns them.
    List<LoanPlan> plans = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      LoanPlan drawn = LoanPlan.draw(random, "draw-" + i, start, Tier.values()[i % 3],
          behaviours[i % behaviours.length]);
      Booked booked = book(drawn.principal().amount().toPlainString(), drawn.apr().toPlainString(), drawn.months());
      LoanPlan plan = drawn.forLoan(booked.loanId(), start);
      assertThat(booked.schedule()).isEqualTo(plan.schedule());
      scriptRail(plan.loanId(), IntStream.rangeClosed(1, plan.months())
          .mapToObj(n -> plan.returnedDebits().contains(n) ? "RETURN:R01" : "SETTLE").toArray(String[]::new));
      plans.add(plan);
    }

    // The simulation of the same loans, on the terms the loan book gives them.
    Map<String, List<String>> simulated = new HashMap<>();
    Map<String, LoanStatus> simulatedStatus = new HashMap<>();
    for (LoanPlan plan : plans) {
      List<String> lines = new ArrayList<>();
      simulatedStatus.put(plan.loanId(), PortfolioSimulation.simulate(plan, servicing.terms(plan.loanId()), horizon,
          new long[0], posting -> lines.addAll(lines(posting)), (m, s) -> { }));
      simulated.put(plan.loanId(), lines);
    }

    // The real workflows: the clock moves from one borrower payment to the next, then to the horizon.
    record Due(long at, LoanPlan plan, LoanSimulation.PlannedPayment payment) {
    }
    List<Due> payments = plans.stream().flatMap(p -> p.payments().stream().map(x -> new Due(x.atMillis(), p, x)))
        .filter(d -> d.at() < horizon).sorted(Comparator.comparingLong(Due::at)).toList();
    for (Due due : payments) {
      env.sleep(Duration.ofMillis(Math.max(1, due.at() - env.currentTimeMillis())));
      LoanServicingWorkflow loan = stub(due.plan().loanId());
      Money amount = switch (due.payment().kind()) {
        case FIXED -> due.payment().fixed();
        case PAST_DUE -> loan.statement().status() == LoanStatus.ACTIVE ? loan.statement().pastDue() : null;
        case PAYOFF -> loan.statement().status() == LoanStatus.ACTIVE
            ? loan.payoffQuote(LocalDates.utcDate(env.currentTimeMillis())).amount() : null;
      };
      if (amount != null && amount.positive()) {
        loan.paymentReceived(new PaymentReceived(due.payment().reference(), amount, env.currentTimeMillis()));
      }
    }
    env.sleep(Duration.ofMillis(Math.max(1, horizon - env.currentTimeMillis())));

    TreeSet<String> kinds = new TreeSet<>();
    for (LoanPlan plan : plans) {
      List<String> real = jdbc.sql("""
              select t.idempotency_key || ' ' || t.kind || ' ' || a.code || ' ' || e.direction || ' ' || e.amount
                from ledger_transfers t join ledger_entries e on e.transfer_id = t.id
                join ledger_accounts a on a.id = e.account_id
               where t.loan_id = ?::uuid and t.kind <> 'DISBURSEMENT'""")
          .param(plan.loanId()).query(String.class).list();
      assertThat(real).as("the ledger of %s (%s at installment %d)", plan.loanId(), plan.behaviour(),
          plan.eventInstallment()).containsExactlyInAnyOrderElementsOf(simulated.get(plan.loanId()));
      assertThat(jdbc.sql("select status from loans where id = ?::uuid").param(plan.loanId()).query(String.class)
          .single()).isEqualTo(simulatedStatus.get(plan.loanId()).name());
      kinds.addAll(real.stream().map(l -> l.split(" ")[1]).collect(Collectors.toSet()));
    }
    // The sample is not vacuous: it pays, returns, charges both fees, pays off, charges off and recovers.
    assertThat(kinds).contains("INTEREST_ACCRUAL", "PAYMENT", "PAYMENT_RETURN", "RETURNED_PAYMENT_FEE", "LATE_FEE",
        "CHARGE_OFF", "RECOVERY");
    assertThat(simulatedStatus.values()).contains(LoanStatus.PAID, LoanStatus.CHARGED_OFF, LoanStatus.ACTIVE);
  }

  private static List<String> lines(LoanPostings.Posting posting) {
    return posting.lines().stream().map(l -> posting.key() + " " + posting.kind() + " " + l.account() + " "
        + (l.debit() ? "D" : "C") + " " + l.amount().amount().toPlainString()).toList();
  }
}
