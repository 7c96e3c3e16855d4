package dev.tranche.servicing;

import dev.tranche.collections.CollectionLadder;
import dev.tranche.collections.CollectionRequest;
import dev.tranche.collections.CollectionWorkflowImpl;
import dev.tranche.collections.ContactHours;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One loan's life on a virtual clock, outside Temporal: the same {@link LoanAccount} and {@link AutopayWatch} the
 * servicing run drives, stepped in the order {@link LoanServicingWorkflowImpl} steps them (payments and fees first,
 * then charge-off, then the due date, the autopay checks and the missed-payment check, one installment per run), and
 * each collection case's late fee on the day its ladder assesses it ({@link CollectionWorkflowImpl}: each stage's
 * text waits for contact hours, the fee comes at local midnight of its day). Everything it books goes through the
 * {@link ServicingActivities} it is given, so a portfolio can be simulated against an in-memory ledger and compared
 * with the real workflows' to the cent.
 */
public final class LoanSimulation {

  private static final long DAY = Duration.ofDays(1).toMillis();

  /** How a planned payment's amount is found when it is made. */
  public enum Amount {
    /** Everything past due at that moment (nothing is paid when nothing is). */
    PAST_DUE,
    /** The payoff quote for that day. */
    PAYOFF,
    /** A fixed amount. */
    FIXED
  }

  /** A payment the borrower makes outside autopay at {@code atMillis}. */
  public record PlannedPayment(long atMillis, String reference, Amount kind, Money fixed) {

    public PlannedPayment {
      Objects.requireNonNull(reference);
      Objects.requireNonNull(kind);
    }
  }

  /** The loan's statement at an observed instant (e.g. each month end). */
  public interface Observer {
    void observed(int index, LoanStatement statement);
  }

  /** A collection case: what the workflow would be started with, and when its ladder charges the late fee. */
  private static final class Case {
    final CollectionRequest request;
    final long lateFeeAt;
    boolean feeAssessed;

    Case(CollectionRequest request, long lateFeeAt) {
      this.request = request;
      this.lateFeeAt = lateFeeAt;
    }

    int installment() {
      return request.installment();
    }
  }

  private final String loanId;
  private final LoanAccount account;
  private final AutopayWatch autopay;
  private final List<Case> cases = new ArrayList<>();
  private LoanStatus status = LoanStatus.ACTIVE;
  private int n = 1;

  public LoanSimulation(String loanId, List<Installment> schedule, Money principal, ServicingActivities servicing) {
    this.loanId = loanId;
    this.account = new LoanAccount(new ServicingState(loanId, schedule, 1, principal, List.of()), servicing);
    this.autopay = new AutopayWatch(loanId, servicing, account);
  }

  /**
   * Runs the loan from {@code startMillis} until {@code horizonMillis} (exclusive), making the planned payments,
   * and reports its statement at each of {@code observeAt} (ascending) to the observer. Returns the status at the
   * horizon.
   */
  public LoanStatus run(long startMillis, long horizonMillis, List<PlannedPayment> planned, long[] observeAt,
      Observer observer) {
    account.loadTerms();
    LoanTerms terms = account.terms();
    Deque<PlannedPayment> payments = new ArrayDeque<>(planned.stream()
        .sorted(Comparator.comparingLong(PlannedPayment::atMillis)).toList());
    int observed = 0;
    long now = startMillis;
    while (true) {
      Installment due = account.installment(n);
      boolean accrued = due == null || !due.dueDate().isAfter(account.lastDueDate());
      boolean missChecked = due == null;
      boolean handOver = false;
      while (!handOver) {
        assessFees(now, terms);
        pay(payments, now);
        if (status == LoanStatus.ACTIVE && account.position().closed()) {
          status = LoanStatus.PAID;
          cases.clear();
        }
        if (status == LoanStatus.ACTIVE && now >= account.oldestArrearDays(terms.chargeOffAfterDays())) {
          account.chargeOff();
          status = LoanStatus.CHARGED_OFF;
          cases.clear();
        }
        long wake = Long.MAX_VALUE;
        if (status == LoanStatus.ACTIVE) {
          wake = Math.min(account.oldestArrearDays(terms.chargeOffAfterDays()), now + 30 * DAY);
          if (due != null) {
            InstallmentCalendar calendar = InstallmentCalendar.of(due.dueDate(), terms.zoneId());
            if (!accrued && now >= calendar.dueAt()) {
              accrued = true;
              account.fallDue(n);
              autopay.debit(n, due);
            }
            if (accrued && autopay.watchedDay() != null && now >= calendar.debitCheckAt(autopay.watchedDay())
                && autopay.check(due) != null) {
              openCases(now, terms);
            }
            if (accrued && !missChecked && now >= calendar.missCheckAt() && autopay.watchedDay() == null) {
              missChecked = true;
              openCases(now, terms);
            }
            if (accrued && missChecked && autopay.watchedDay() == null) {
              // The run hands over to the next installment's at this same instant.
              n++;
              handOver = true;
              continue;
            }
            wake = Math.min(wake, calendar.nextWake(true, true, accrued, autopay.watchedDay()));
          }
        }
        long next = Math.min(Math.min(wake, payments.isEmpty() ? Long.MAX_VALUE : payments.peek().atMillis()),
            nextFeeAt(terms));
        if (status == LoanStatus.PAID) {
          next = Long.MAX_VALUE;
        }
        // The position stands until the next step: observe every instant before it.
        while (observed < observeAt.length && observeAt[observed] < Math.min(Math.max(next, now + 1), horizonMillis)
            && observeAt[observed] >= now) {
          observer.observed(observed, account.statement(status, n, null, LocalDates.utcDate(observeAt[observed])));
          observed++;
        }
        if (next >= horizonMillis) {
          return status;
        }
        now = Math.max(next, now + 1);
      }
    }
  }

  /** Each case whose ladder reached its late-fee day charges it, unless the loan is no longer active. */
  private void assessFees(long now, LoanTerms terms) {
    List<Case> due = cases.stream().filter(c -> !c.feeAssessed && c.lateFeeAt <= now)
        .sorted(Comparator.comparingLong(c -> c.lateFeeAt)).toList();
    for (Case c : due) {
      c.feeAssessed = true;
      String key = "late-fee:" + loanId + ":" + c.installment();
      if (status == LoanStatus.ACTIVE && account.firstTime(key)) {
        account.lateFee(new LateFee(key, c.installment(), c.request.lateFeeDue()));
      }
    }
  }

  private long nextFeeAt(LoanTerms terms) {
    return status != LoanStatus.ACTIVE ? Long.MAX_VALUE : cases.stream().filter(c -> !c.feeAssessed)
        .mapToLong(c -> c.lateFeeAt).min().orElse(Long.MAX_VALUE);
  }

  /** The payments due by now, each applied (a recovery once charged off); open cases no longer owed are cured. */
  private void pay(Deque<PlannedPayment> payments, long now) {
    while (!payments.isEmpty() && payments.peek().atMillis() <= now) {
      PlannedPayment p = payments.poll();
      if (status == LoanStatus.PAID) {
        continue;
      }
      Money amount = amountOf(p);
      if (amount == null || !amount.positive()) {
        continue;
      }
      Deque<PaymentReceived> one = new ArrayDeque<>(List.of(new PaymentReceived(p.reference(), amount,
          p.atMillis())));
      if (account.applyNew(one, status == LoanStatus.CHARGED_OFF, now).any() && status == LoanStatus.ACTIVE) {
        List<Arrear> owed = account.position().arrears();
        cases.removeIf(c -> CollectionCases.cured(c.installment(), owed));
      }
    }
  }

  /** What the borrower pays for a planned payment, from the loan as it stands (null: nothing). */
  private Money amountOf(PlannedPayment p) {
    return switch (p.kind()) {
      case FIXED -> p.fixed();
      case PAST_DUE -> status == LoanStatus.ACTIVE ? account.position().pastDue() : null;
      case PAYOFF -> status == LoanStatus.ACTIVE
          ? account.payoffQuote(LocalDates.utcDate(p.atMillis())).amount() : null;
    };
  }

  /** A case for each arrear without one, its late fee when its ladder reaches it (texts wait for contact hours). */
  private void openCases(long now, LoanTerms terms) {
    for (Arrear arrear : account.position().arrears()) {
      if (cases.stream().anyMatch(c -> c.installment() == arrear.installment())) {
        continue;
      }
      CollectionRequest request = terms.collectionFor(loanId, arrear);
      CollectionLadder ladder = request.ladderDays();
      long at = now;
      for (int day : new int[] {ladder.friendly(), ladder.warning(), ladder.finalNotice()}) {
        at = ContactHours.nextAllowed(Math.max(at, request.dayStartsAt(day)), terms.zoneId());
      }
      cases.add(new Case(request, Math.max(at, request.dayStartsAt(ladder.lateFee()))));
    }
  }
}
