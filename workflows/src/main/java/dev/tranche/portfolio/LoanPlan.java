package dev.tranche.portfolio;

import dev.tranche.decision.Tier;
import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanSimulation;
import dev.tranche.servicing.LoanSimulation.Amount;
import dev.tranche.servicing.LoanSimulation.PlannedPayment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.Set;
import java.util.TreeSet;

/**
 * One simulated loan: its terms, its borrower's behaviour, the autopay debits the rail returns (by their order:
 * the n-th debit is installment n's) and the payments the borrower makes outside autopay, at 17:00 UTC.
 */
public record LoanPlan(String loanId, Tier tier, Money principal, BigDecimal apr, int months, LocalDate start,
    Behaviour behaviour, int eventInstallment, Set<Integer> returnedDebits, List<PlannedPayment> payments) {

  private static final long PAY_HOUR = 17 * 3_600_000L;

  public LoanPlan {
    returnedDebits = Set.copyOf(returnedDebits);
    payments = List.copyOf(payments);
  }

  /** The same loan and behaviour under another id, funded on {@code day}. */
  public LoanPlan forLoan(String id, LocalDate day) {
    boolean recovers = payments.stream().anyMatch(p -> p.kind() == Amount.FIXED);
    return plan(id, tier, principal, apr, months, day, behaviour, eventInstallment, recovers);
  }

  public List<Installment> schedule() {
    return Amortization.schedule(principal, apr, months, start);
  }

  /** A loan drawn from the portfolio's mix: tier, amount, rate, term and behaviour. */
  public static LoanPlan draw(RandomGenerator random, String loanId, LocalDate start) {
    double u = random.nextDouble();
    Tier tier = u < 0.45 ? Tier.A : u < 0.80 ? Tier.B : Tier.C;
    return draw(random, loanId, start, tier, Behaviour.draw(tier, random.nextDouble()));
  }

  /** A loan of {@code tier} whose borrower behaves as {@code behaviour}; the rest drawn from the mix. */
  public static LoanPlan draw(RandomGenerator random, String loanId, LocalDate start, Tier tier, Behaviour behaviour) {
    Money principal = Money.of(BigDecimal.valueOf(20 + random.nextInt(231) * 100L).setScale(2), "USD");
    BigDecimal base = switch (tier) {
      case A -> new BigDecimal("8.99");
      case B -> new BigDecimal("14.99");
      case C -> new BigDecimal("24.99");
    };
    BigDecimal apr = base.add(BigDecimal.valueOf(random.nextInt(200), 2)).setScale(2, RoundingMode.UNNECESSARY);
    int[] terms = tier == Tier.C ? new int[] {12, 24} : new int[] {12, 24, 36};
    int months = terms[random.nextInt(terms.length)];
    // Defaults start early enough that most reach charge-off within the year; other events anywhere in it.
    int event = 1 + random.nextInt(behaviour == Behaviour.DEFAULTED ? 8 : Math.min(months - 1, 10));
    boolean recovers = random.nextInt(10) < 3;
    return plan(loanId, tier, principal, apr, months, start, behaviour, event, recovers);
  }

  /** The plan of a loan whose behaviour shows at installment {@code event}. */
  public static LoanPlan plan(String loanId, Tier tier, Money principal, BigDecimal apr, int months, LocalDate start,
      Behaviour behaviour, int event, boolean recovers) {
    List<Installment> schedule = Amortization.schedule(principal, apr, months, start);
    LocalDate due = schedule.get(event - 1).dueDate();
    Set<Integer> returned = new TreeSet<>();
    List<PlannedPayment> payments = new ArrayList<>();
    String ref = "sim-" + loanId + "-";
    switch (behaviour) {
      case ON_TIME -> { }
      case CURED_EARLY -> {
        returned.add(event);
        payments.add(at(due.plusDays(9), ref + "cure", Amount.PAST_DUE, null));
      }
      case CURED_LATE -> {
        returned.add(event);
        payments.add(at(due.plusDays(20), ref + "cure", Amount.PAST_DUE, null));
      }
      case TWO_MISSED -> {
        returned.add(event);
        returned.add(event + 1);
        LocalDate second = event < months ? schedule.get(event).dueDate() : due.plusMonths(1);
        payments.add(at(second.plusDays(9), ref + "catch-up", Amount.PAST_DUE, null));
      }
      case PREPAID -> payments.add(at(due.plusDays(15), ref + "payoff", Amount.PAYOFF, null));
      case DEFAULTED -> {
        for (int n = event; n <= months; n++) {
          returned.add(n);
        }
        if (recovers) {
          payments.add(at(due.plusDays(150), ref + "recovery", Amount.FIXED,
              principal.times(new BigDecimal("0.10"), RoundingMode.HALF_UP)));
        }
      }
    }
    return new LoanPlan(loanId, tier, principal, apr, months, start, behaviour, event, returned, payments);
  }

  private static PlannedPayment at(LocalDate day, String reference, Amount kind, Money fixed) {
    return new LoanSimulation.PlannedPayment(LocalDates.startOfDayMillis(day) + PAY_HOUR, reference, kind, fixed);
  }
}
