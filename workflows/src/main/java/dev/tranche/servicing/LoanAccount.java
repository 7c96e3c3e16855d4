package dev.tranche.servicing;

import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The money side of a loan in its servicing run: terms, schedule and position, and every change to
 * them posted to the ledger first (through {@link ServicingActivities}) and then applied to the
 * position, so the two never disagree. Payment references already applied are remembered, so a
 * redelivered payment, fee or debit is applied once.
 */
final class LoanAccount {

  static final String RETURN_FEE = "15.00";

  private final String loanId;
  private final ServicingActivities servicing;
  private final Set<String> applied = new LinkedHashSet<>();
  private LoanTerms terms;
  private LoanPosition position;
  private List<Installment> schedule;
  private LocalDate lastDueDate;

  LoanAccount(ServicingState state, ServicingActivities servicing) {
    this.loanId = state.loanId();
    this.servicing = servicing;
    this.terms = state.terms();
    this.position = state.position() == null ? LoanPosition.opened(state.principalOutstanding()) : state.position();
    this.schedule = new ArrayList<>(state.schedule());
    this.lastDueDate = state.lastDueDate() == null ? schedule.getFirst().dueDate().minusMonths(1)
        : state.lastDueDate();
    this.applied.addAll(state.appliedReferences());
  }

  /** Loads the terms on the loan's first run; true when it was the first. */
  boolean loadTerms() {
    if (terms != null) {
      return false;
    }
    terms = servicing.terms(loanId);
    return true;
  }

  LoanTerms terms() {
    return terms;
  }

  LoanPosition position() {
    return position;
  }

  List<Installment> schedule() {
    return List.copyOf(schedule);
  }

  LocalDate lastDueDate() {
    return lastDueDate;
  }

  List<String> applied() {
    return List.copyOf(applied);
  }

  /** Installment {@code n}, or null past the last. */
  Installment installment(int n) {
    return n <= schedule.size() ? schedule.get(n - 1) : null;
  }

  /** What is still owed of installment {@code n}, or null. */
  Arrear owed(int n) {
    return position.arrears().stream().filter(a -> a.installment() == n).findFirst().orElse(null);
  }

  /** The instant the oldest arrear has been unpaid {@code days} days, or never (no arrears). */
  long oldestArrearDays(int days) {
    List<Arrear> arrears = position.arrears();
    return arrears.isEmpty() ? Long.MAX_VALUE : LocalDates.startOfDayMillis(arrears.getFirst().dueDate().plusDays(days));
  }

  /** False when {@code reference} was applied before; otherwise remembers it. */
  boolean firstTime(String reference) {
    return applied.add(reference);
  }

  /** Installment {@code n} falls due: its interest accrues and a held credit pays what it can. */
  void fallDue(int n) {
    Installment due = schedule.get(n - 1);
    LoanPosition.Accrual accrual = position.accrual(n, due.dueDate(), terms.levelPayment(), n == schedule.size(),
        Amortization.monthlyRate(terms.apr()));
    if (accrual.interest().positive()) {
      servicing.postAccrual(new InterestAccrual(loanId, "accrual:" + loanId + ":" + n, accrual.interest()));
    }
    position = position.accrue(accrual);
    lastDueDate = due.dueDate();
    LoanPosition.Applied credit = position.applyCredit();
    if (credit != null) {
      Allocation a = credit.allocation();
      servicing.postPayment(new LoanAllocation(loanId, new Allocation(PaymentSource.CREDIT.reference(loanId + ":" + n),
          a.amount(), a.penalties(), a.fees(), a.interest(), a.principalDue(), a.principalPrepaid(), a.credit(),
          a.covered())));
      position = credit.position();
    }
  }

  /** An autopay debit the rail accepted is applied at once (a return reverses it later). */
  Allocation applyDebit(Debit debit, Money amount) {
    LoanPosition.Applied paid = position.apply(debit.idempotencyKey(), amount, ExcessPolicy.PRINCIPAL);
    servicing.postPayment(new LoanAllocation(loanId, paid.allocation()));
    position = paid.position();
    applied.add(debit.idempotencyKey());
    return paid.allocation();
  }

  /** A returned debit: the payment is reversed and the returned-payment fee charged. */
  void debitReturned(Allocation allocation, String debitKey) {
    servicing.postReturn(new LoanAllocation(loanId, allocation));
    position = position.reverse(allocation);
    Money fee = terms != null && terms.returnedPaymentFee() != null ? terms.returnedPaymentFee()
        : Money.of(RETURN_FEE, position.principal().currency().getCurrencyCode());
    servicing.postFee(new FeeCharge(loanId, "return-fee:" + debitKey, fee, "RETURNED_PAYMENT_FEE"));
    position = position.assessFee(fee);
  }

  /**
   * A payment received on {@code day}: when it pays the loan off, the interest since the last due date
   * (per diem) is charged first; it is then allocated as the borrower chose for any excess.
   */
  private void pay(PaymentReceived p, LocalDate day) {
    Money perDiem = perDiem(day);
    if (p.amount().compareTo(position.payoffAmount(perDiem)) >= 0 && perDiem.positive()) {
      servicing.postAccrual(new InterestAccrual(loanId, "payoff-interest:" + p.paymentReference(), perDiem));
      position = position.addInterest(perDiem);
    }
    LoanPosition.Applied result = position.apply(p.paymentReference(), p.amount(),
        p.excess() == null ? ExcessPolicy.PRINCIPAL : p.excess());
    servicing.postPayment(new LoanAllocation(loanId, result.allocation()));
    position = result.position();
  }

  /** What {@link #applyNew} did: whether any payment was new, and whether one was a liquidation's proceeds. */
  record NewPayments(boolean any, boolean liquidation) {
  }

  /**
   * Applies, in arrival order, every payment not applied before (on the day it was received, else
   * today); on a charged-off loan each is a recovery instead.
   */
  NewPayments applyNew(Deque<PaymentReceived> payments, boolean chargedOff, long nowMillis) {
    boolean any = false;
    boolean liquidation = false;
    while (!payments.isEmpty()) {
      PaymentReceived p = payments.poll();
      if (!firstTime(p.paymentReference())) {
        continue;
      }
      any = true;
      if (chargedOff) {
        servicing.postRecovery(new Recovery(loanId, p.paymentReference(), p.amount()));
        continue;
      }
      liquidation |= PaymentSource.of(p.paymentReference()) == PaymentSource.LIQUIDATION;
      pay(p, LocalDates.utcDate(p.receivedAtMillis() > 0 ? p.receivedAtMillis() : nowMillis));
    }
    return new NewPayments(any, liquidation);
  }

  void lateFee(LateFee fee) {
    servicing.postFee(new FeeCharge(loanId, fee.key(), fee.amount(), "LATE_FEE"));
    position = position.assessPenalty(fee.amount());
  }

  void chargeOff() {
    servicing.postChargeOff(new ChargeOff(loanId, position));
    position = position.chargeOff();
  }

  PayoffQuote payoffQuote(LocalDate validOn) {
    Money perDiem = perDiem(validOn);
    return new PayoffQuote(loanId, validOn, position.payoffAmount(perDiem), position.principal(),
        position.interestDue().plus(perDiem), position.feesDue(), position.penaltiesDue());
  }

  /**
   * A hardship reschedule while installment {@code n} is this run's: what is owed is capitalised over
   * {@code installments} new ones, starting a month after the last due date. When installment {@code n}
   * already fell due (its autopay watch or missed-payment check still running), the new schedule starts
   * at the next number, so the run hands over to it and it accrues and bills like any other. The
   * account changes only once the new schedule is stored: a refused store leaves it as it was.
   */
  void reschedule(int n, RescheduleRequest r) {
    LoanPosition capitalised = position.capitaliseForReschedule();
    int fallenDue = schedule.get(n - 1).dueDate().isAfter(lastDueDate) ? n - 1 : n;
    List<Installment> renumbered = new ArrayList<>();
    for (Installment i : Amortization.schedule(capitalised.principal(), terms.apr(), r.remainingInstallments(),
        lastDueDate)) {
      renumbered.add(new Installment(fallenDue + i.number(), i.dueDate(), i.principal(), i.interest(), i.total(),
          i.balanceAfter()));
    }
    int version = terms.scheduleVersion() + 1;
    servicing.storeSchedule(new ScheduleVersion(loanId, version, renumbered, r.reason(), r.approvedBy()));
    position = capitalised;
    List<Installment> next = new ArrayList<>(schedule.subList(0, fallenDue));
    next.addAll(renumbered);
    schedule = next;
    terms = terms.withSchedule(renumbered.getFirst().total(), version);
  }

  /** The balance query: principal, the next installment and payments received but not yet applied. */
  LoanBalance balance(int n, Collection<PaymentReceived> unapplied) {
    Money pending = Money.zero(position.principal().currency());
    for (PaymentReceived p : unapplied) {
      pending = pending.plus(p.amount());
    }
    Installment next = installment(n);
    return new LoanBalance(loanId, position.principal(), n, next == null ? null : next.dueDate(),
        terms == null ? null : terms.levelPayment(), pending);
  }

  /** The loan's statement on {@code today}, with installment {@code n} next. */
  LoanStatement statement(LoanStatus status, int n, LocalDate promisedUntil, LocalDate today) {
    Installment next = installment(n);
    LoanPosition p = position;
    return new LoanStatement(loanId, status, p.principal(), p.interestDue(), p.feesDue(), p.penaltiesDue(),
        p.pastDue(), p.credit(), p.balance(), n, next == null ? null : next.dueDate(), p.daysPastDue(today),
        p.bucket(today), terms == null ? 1 : terms.scheduleVersion(), promisedUntil,
        p.arrears().isEmpty() ? null : p.arrears().getFirst().dueDate(), PaymentReferences.of(loanId));
  }

  private Money perDiem(LocalDate day) {
    return position.perDiemInterest(Amortization.monthlyRate(terms.apr()),
        Math.max(0, ChronoUnit.DAYS.between(lastDueDate, day)));
  }
}
