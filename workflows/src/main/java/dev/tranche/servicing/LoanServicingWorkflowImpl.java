package dev.tranche.servicing;

import dev.tranche.collections.CollectionActivities;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One installment of a loan per run (continue-as-new to the next): remind, fall due, debit by autopay
 * and watch for a return, open collection cases for what is missed, apply payments and late fees as
 * they arrive, and end the loan paid or charged off. The money is {@link LoanAccount}'s, the cases
 * {@link CollectionCases}', the vault {@link LoanCollateral}'s, the clock {@link InstallmentCalendar}'s.
 */
public class LoanServicingWorkflowImpl implements LoanServicingWorkflow {

  static final int CHARGE_OFF_DAYS = 120;
  /** ACH returns arrive up to a few banking days after the entry; the run watches the debit this long. */
  static final int DEBIT_WATCH_DAYS = 5;
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  private final ServicingActivities servicing = Workflow.newActivityStub(ServicingActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());
  private final NotificationActivities sms = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build()).build());

  private final ServicingState state;
  private final LoanAccount account;
  private final CollectionCases cases;
  /** Collateralised loans only: the vault's debt and the collateral's release. */
  private final LoanCollateral collateral;
  private final int n;
  private String status;
  private final Deque<PaymentReceived> payments = new ArrayDeque<>();
  private final Deque<LateFee> fees = new ArrayDeque<>();
  private boolean changed;
  /** The autopay debit of this installment while its return window is watched. */
  private Debit debit;
  private Allocation debitAllocation;
  private int debitDay;
  /** The loan's collateral was liquidated and its proceeds applied: the loan ends in this run. */
  private boolean collateralLiquidated;
  private long snapshotRevision;

  @WorkflowInit
  public LoanServicingWorkflowImpl(ServicingState state) {
    this.state = state;
    this.account = new LoanAccount(state, servicing);
    this.cases = new CollectionCases(state.loanId(), Workflow.newActivityStub(CollectionActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build()),
        state.openCollections(), state.promisedUntil());
    this.collateral = new LoanCollateral(state.loanId(), state.collateralDebt());
    this.n = state.nextInstallment();
    this.status = state.status() == null ? "ACTIVE" : state.status();
    this.payments.addAll(state.unappliedPayments());
    this.fees.addAll(state.pendingFees());
    this.snapshotRevision = state.snapshotRevision();
  }

  @Override
  public void service(ServicingState ignored) {
    if (account.loadTerms()) {
      registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
          "ACTIVE"));
    }
    snapshot();
    if (status.equals("PAID")) {
      return;
    }
    if (status.equals("CHARGED_OFF")) {
      chargedOffLoop();
      return;
    }
    if (runInstallment()) {
      return;
    }
    // Past maturity the run only waits for payments or charge-off: the next run keeps the same number.
    handOver(account.installment(n) != null ? n + 1 : n);
  }

  /** One installment's run; true when the loan ended (paid or charged off) within it. */
  private boolean runInstallment() {
    Installment due = account.installment(n);
    boolean remind3 = false;
    boolean remind1 = false;
    // A run restarted from a snapshot (the sweep's repair) must not make an installment fall due twice.
    boolean accrued = due == null || !due.dueDate().isAfter(account.lastDueDate());
    boolean missChecked = due == null;
    int loops = 0;
    while (true) {
      drainFees();
      drainPayments();
      if (account.position().closed()) {
        finishPaid();
        return true;
      }
      long now = Workflow.currentTimeMillis();
      // Collateral liquidated short of the payoff: the deficiency is charged off now (recoveries are still
      // taken) rather than run through the ladder again.
      if (collateralLiquidated || now >= chargeOffAt()) {
        chargeOff();
        chargedOffLoop();
        return true;
      }
      long wake = chargeOffAt();
      if (due != null) {
        InstallmentCalendar calendar = InstallmentCalendar.of(due.dueDate(), account.terms().zoneId());
        if (!remind3 && now >= calendar.remind3At()) {
          remind3 = true;
          remind("payment-reminder-3", due, now < calendar.dueAt());
        }
        if (!remind1 && now >= calendar.remind1At()) {
          remind1 = true;
          remind("payment-reminder-1", due, now < calendar.dueAt());
        }
        if (!accrued && now >= calendar.dueAt()) {
          accrued = true;
          fallDue(due);
        }
        if (accrued && debit != null && now >= calendar.debitCheckAt(debitDay)) {
          checkDebit(due);
        }
        if (accrued && !missChecked && now >= calendar.missCheckAt() && debit == null) {
          missChecked = true;
          cases.openFor(account.position().arrears(), account.terms());
          snapshot();
        }
        if (accrued && missChecked && debit == null) {
          return false;
        }
        wake = Math.min(wake, calendar.nextWake(remind3, remind1, accrued, debit == null ? null : debitDay));
      } else if (++loops > 200) {
        // Past maturity with arrears: keep the history small while waiting for payments or charge-off.
        return false;
      }
      changed = false;
      Duration wait = Duration.ofMillis(Math.max(1, Math.min(wake, now + 30 * DAY) - now));
      Workflow.await(wait, () -> !payments.isEmpty() || !fees.isEmpty() || changed);
    }
  }

  private void remind(String template, Installment due, boolean beforeDue) {
    LoanTerms terms = account.terms();
    if (!beforeDue || account.position().credit().compareTo(terms.levelPayment()) >= 0 || account.owed(n) != null) {
      return;
    }
    text(template + ":" + state.loanId() + ":" + n, template, Map.of("amount", terms.levelPayment().toString(),
        "dueDate", due.dueDate().toString(), "autopay", String.valueOf(terms.autopay())));
  }

  private void text(String key, String template, Map<String, String> params) {
    Texts.send(sms, new Sms(key, account.terms().applicationId(), template, params));
  }

  /** The installment falls due: interest accrues, a held credit pays what it can, autopay debits the rest. */
  private void fallDue(Installment due) {
    account.fallDue(n);
    Arrear owed = account.owed(n);
    LoanTerms terms = account.terms();
    if (terms.autopay() && owed != null) {
      Debit asked = servicing.initiateDebit(new Debit(state.loanId(), "autopay:" + state.loanId() + ":" + n,
          terms.autopayAccount(), owed.remaining(), due.dueDate(), null, null, null));
      if ("PENDING".equals(asked.status())) {
        debitAllocation = account.applyDebit(asked, owed.remaining());
        debit = asked;
        debitDay = 1;
      }
    }
    snapshot();
  }

  /** Asks the rail how the debit stands on the next banking day; a return reverses the payment. */
  private void checkDebit(Installment due) {
    Debit now = servicing.debitStatus(debit, due.dueDate().plusDays(debitDay));
    if ("RETURNED".equals(now.status())) {
      account.debitReturned(debitAllocation, debit.idempotencyKey());
      text("payment-returned:" + debit.idempotencyKey(), "payment-returned", Map.of("amount",
          debitAllocation.amount().toString(), "code", String.valueOf(now.returnCode())));
      debit = null;
      debitAllocation = null;
      cases.openFor(account.position().arrears(), account.terms());
      snapshot();
      return;
    }
    debitDay++;
    if (debitDay > DEBIT_WATCH_DAYS) {
      debit = null;
      debitAllocation = null;
    }
  }

  private void drainPayments() {
    boolean any = false;
    while (!payments.isEmpty()) {
      PaymentReceived p = payments.poll();
      if (!account.firstTime(p.paymentReference())) {
        continue;
      }
      any = true;
      if (status.equals("CHARGED_OFF")) {
        account.recover(p);
        continue;
      }
      if (p.paymentReference().startsWith("liquidation:")) {
        collateralLiquidated = true;
      }
      account.pay(p, LocalDates.utcDate(p.receivedAtMillis() > 0 ? p.receivedAtMillis() : Workflow.currentTimeMillis()));
    }
    if (any) {
      cases.cure(account.position().arrears());
      snapshot();
    }
  }

  private void drainFees() {
    while (!fees.isEmpty()) {
      LateFee fee = fees.poll();
      if (status.equals("ACTIVE") && account.firstTime(fee.key())) {
        account.lateFee(fee);
        snapshot();
      }
    }
  }

  private long chargeOffAt() {
    List<Arrear> arrears = account.position().arrears();
    return arrears.isEmpty() ? Long.MAX_VALUE
        : LocalDates.startOfDayMillis(arrears.getFirst().dueDate().plusDays(CHARGE_OFF_DAYS));
  }

  private void chargeOff() {
    account.chargeOff();
    status = "CHARGED_OFF";
    cases.closeAll(false);
    snapshot();
  }

  /** A charged-off loan's workflow stays to post recoveries; it continues as new every 100 waits. */
  private void chargedOffLoop() {
    for (int i = 0; i < 100; i++) {
      Workflow.await(Duration.ofDays(30), () -> !payments.isEmpty());
      drainPayments();
    }
    handOver(n);
  }

  private void finishPaid() {
    status = "PAID";
    cases.closeAll(true);
    snapshot();
    if (account.terms().collateralised()) {
      collateral.release();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
        "PAID"));
  }

  /** Continue-as-new once every handler finished; signals queued meanwhile travel with the state. */
  private void handOver(int next) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(currentState(next));
  }

  private ServicingState currentState(int next) {
    LoanPosition position = account.position();
    return new ServicingState(state.loanId(), account.schedule(), next, position.principal(), List.copyOf(payments),
        account.terms(), position, account.applied(), cases.open(), cases.promisedUntil(), status,
        account.lastDueDate(), List.copyOf(fees), collateral.debt(), snapshotRevision);
  }

  private void snapshot() {
    snapshotRevision++;
    servicing.recordSnapshot(new LoanSnapshot(statement(), currentState(n)));
    // A collateralised loan's debt in the vault follows its balance while it is active.
    if (account.terms() != null && account.terms().collateralised() && "ACTIVE".equals(status)) {
      collateral.syncDebt(account.position().balance(), state.principalOutstanding());
    }
  }

  // --- signals, queries, updates ---

  @Override
  public void paymentReceived(PaymentReceived payment) {
    if (payments.stream().noneMatch(p -> p.paymentReference().equals(payment.paymentReference()))) {
      payments.add(payment);
    }
  }

  @Override
  public void lateFee(LateFee fee) {
    fees.add(fee);
  }

  @Override
  public LoanBalance balance() {
    Installment next = account.installment(n);
    return new LoanBalance(state.loanId(), account.position().principal(), n, next == null ? null : next.dueDate(),
        account.terms() == null ? null : account.terms().levelPayment(), account.pending(payments));
  }

  @Override
  public LoanStatement statement() {
    LocalDate today = LocalDates.utcDate(Workflow.currentTimeMillis());
    Installment next = account.installment(n);
    LoanPosition p = account.position();
    return new LoanStatement(state.loanId(), status, p.principal(), p.interestDue(), p.feesDue(), p.penaltiesDue(),
        p.pastDue(), p.credit(), p.balance(), n, next == null ? null : next.dueDate(), p.daysPastDue(today),
        p.bucket(today), account.terms() == null ? 1 : account.terms().scheduleVersion(), cases.promisedUntil(),
        p.arrears().isEmpty() ? null : p.arrears().getFirst().dueDate(), PaymentReferences.of(state.loanId()));
  }

  @Override
  public void validatePayoffQuote(LocalDate validOn) {
    ServicingRequests.payoffQuote(active(), today(), validOn, account.installment(n));
  }

  @Override
  public PayoffQuote payoffQuote(LocalDate validOn) {
    return account.payoffQuote(validOn);
  }

  @Override
  public void validateReschedule(RescheduleRequest r) {
    ServicingRequests.reschedule(active(), r, account.installment(n));
  }

  @Override
  public LoanStatement reschedule(RescheduleRequest r) {
    account.reschedule(n, r);
    cases.cure(account.position().arrears());
    changed = true;
    snapshot();
    return statement();
  }

  @Override
  public void validatePromiseToPay(LocalDate date) {
    ServicingRequests.promiseToPay(active(), today(), date, account.position());
  }

  @Override
  public LoanStatement promiseToPay(LocalDate date) {
    cases.promise(date);
    snapshot();
    return statement();
  }

  /** The status when the loan can be changed, else null (not serviced yet: its terms are not loaded). */
  private String active() {
    return account.terms() == null ? null : status;
  }

  private static LocalDate today() {
    return LocalDates.utcDate(Workflow.currentTimeMillis());
  }
}
