package dev.tranche.portfolio;

import dev.tranche.decision.Tier;
import dev.tranche.money.Installment;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.servicing.LoanPostings.Posting;
import dev.tranche.servicing.LoanStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulation's own promises; PortfolioLedgerEqualityTest (activities) holds it to the real workflows. */
class PortfolioSimulationTest {

  private static final LocalDate START = LocalDate.of(2027, 1, 5);
  private static final String LOAN = "0b8e6a44-6f2c-4d0e-9f43-3d1c2a7e5b10";

  private static List<Posting> run(LoanPlan plan, LoanStatus expected) {
    List<Posting> postings = new ArrayList<>();
    LoanStatus status = PortfolioSimulation.simulate(plan, PortfolioSimulation.terms(plan, "America/Chicago"),
        PortfolioSimulation.horizon(START, 12), new long[0], postings::add, (m, s) -> { });
    assertThat(status).isEqualTo(expected);
    return postings;
  }

  private static BigDecimal sum(List<Posting> postings, String kind, String account) {
    return postings.stream().filter(p -> p.kind().equals(kind)).flatMap(p -> p.lines().stream())
        .filter(l -> l.account().equals(account)).map(l -> l.amount().amount()).reduce(BigDecimal.ZERO,
            BigDecimal::add);
  }

  private static LoanPlan plan(Behaviour behaviour, int event, boolean recovers) {
    return LoanPlan.plan(LOAN, Tier.B, Money.of("6000.00", "USD"), new BigDecimal("14.99"), 12, START, behaviour,
        event, recovers);
  }

  @Test
  void an_on_time_loan_pays_its_schedule_by_autopay_and_earns_its_scheduled_interest() {
    LoanPlan plan = plan(Behaviour.ON_TIME, 1, false);
    List<Posting> postings = run(plan, LoanStatus.PAID);
    List<Installment> schedule = plan.schedule();
    assertThat(postings).filteredOn(p -> p.kind().equals("PAYMENT")).hasSize(12);
    assertThat(sum(postings, "INTEREST_ACCRUAL", LoanAccounts.INTEREST_INCOME)).isEqualByComparingTo(
        schedule.stream().map(i -> i.interest().amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
    assertThat(sum(postings, "PAYMENT", LoanAccounts.CASH)).isEqualByComparingTo(
        schedule.stream().map(i -> i.total().amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Test
  void a_return_cured_after_day_14_costs_the_return_fee_and_the_late_fee_and_one_before_only_the_return_fee() {
    List<Posting> late = run(plan(Behaviour.CURED_LATE, 3, false), LoanStatus.PAID);
    assertThat(late).filteredOn(p -> p.kind().equals("PAYMENT_RETURN")).hasSize(1);
    assertThat(sum(late, "RETURNED_PAYMENT_FEE", LoanAccounts.FEE_INCOME)).isEqualByComparingTo("15.00");
    assertThat(sum(late, "LATE_FEE", LoanAccounts.LATE_FEE_INCOME)).isEqualByComparingTo("25.00");
    List<Posting> early = run(plan(Behaviour.CURED_EARLY, 3, false), LoanStatus.PAID);
    assertThat(early).filteredOn(p -> p.kind().equals("LATE_FEE")).isEmpty();
    assertThat(sum(early, "RETURNED_PAYMENT_FEE", LoanAccounts.FEE_INCOME)).isEqualByComparingTo("15.00");
  }

  @Test
  void a_default_is_charged_off_at_120_days_and_a_later_payment_is_a_recovery() {
    LoanPlan plan = plan(Behaviour.DEFAULTED, 2, true);
    List<Posting> postings = run(plan, LoanStatus.CHARGED_OFF);
    Posting chargeOff = postings.stream().filter(p -> p.kind().equals("CHARGE_OFF")).findFirst().orElseThrow();
    // Everything still owed moved to the loss: the principal after one paid installment, interest and fees due.
    BigDecimal principalLeft = plan.schedule().getFirst().balanceAfter().amount();
    assertThat(sum(postings, "CHARGE_OFF", LoanAccounts.principal(LOAN))).isEqualByComparingTo(principalLeft);
    assertThat(chargeOff.lines().getFirst().amount().amount()).isGreaterThan(principalLeft);
    assertThat(sum(postings, "RECOVERY", LoanAccounts.RECOVERIES)).isEqualByComparingTo("600.00");
  }

  @Test
  void a_payoff_on_day_15_charges_the_per_diem_and_closes_the_loan() {
    List<Posting> postings = run(plan(Behaviour.PREPAID, 4, false), LoanStatus.PAID);
    assertThat(postings).filteredOn(p -> p.key().startsWith("payoff-interest:")).hasSize(1);
    assertThat(postings).filteredOn(p -> p.kind().equals("PAYMENT")).hasSize(5);
  }

  @Test
  void a_vintage_is_the_same_for_the_same_seed_and_every_loan_is_in_one_state_at_each_month_end() {
    var settings = new PortfolioSimulation.Settings(400, 12, 7, START);
    SimulationReport first = PortfolioSimulation.run(settings, new java.util.Random(settings.seed()));
    SimulationReport again = PortfolioSimulation.run(settings, new java.util.Random(settings.seed()));
    assertThat(again.monthEnds()).isEqualTo(first.monthEnds());
    assertThat(again.netLoss()).isEqualTo(first.netLoss());
    assertThat(again.interestIncome()).isEqualTo(first.interestIncome());
    for (var month : first.monthEnds()) {
      assertThat(month.loans().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
    }
    assertThat(first.rollRates().values()).allSatisfy(r -> assertThat(r).isBetween(BigDecimal.ZERO, BigDecimal.ONE));
    assertThat(first.chargeOffs().amount()).isPositive();
    assertThat(first.netLoss()).isEqualTo(first.chargeOffs().minus(first.recoveries()));
    assertThat(first.behaviours().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
  }

  @Test
  void the_mix_of_each_tier_adds_up_to_one() {
    for (Tier tier : Tier.values()) {
      double total = 0;
      for (Behaviour b : Behaviour.values()) {
        total += b.share(tier);
      }
      assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(Behaviour.draw(tier, 0.9999)).isEqualTo(Behaviour.DEFAULTED);
      assertThat(Behaviour.draw(tier, 0.0)).isEqualTo(Behaviour.ON_TIME);
    }
  }
}
