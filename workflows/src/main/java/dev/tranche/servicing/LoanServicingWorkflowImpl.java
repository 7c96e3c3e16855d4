package dev.tranche.servicing;

import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.partner.PartnerNotice;
import dev.tranche.partner.PartnerNotices;
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

  private static final long DAY = Duration.ofDays(1).toMillis();

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  private final ServicingActivities servicing = Workflow.newActivityStub(ServicingActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  /** The loan's partner hears of repayments due and received (a loan without a partner: nobody). */
  private final PartnerNotices partner = Workflow.newActivityStub(PartnerNotices.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  private final ServicingState state;
  private final LoanAccount account;
  private final CollectionCases cases;
  /** Collateralised loans only: the vault's debt and the collateral's release. */
  private final LoanCollateral collateral;
  private final int n;
  private LoanStatus status;
  private final Deque<PaymentReceived> payments = new ArrayDeque<>();
  private final Deque<LateFee> fees = new ArrayDeque<>();
  private boolean changed;
  private final AutopayWatch autopay;
  private final BorrowerTexts texts;
  /** The loan's collateral was liquidated and its proceeds applied: the loan ends in this run. */
  private boolean collateralLiquidated;
  private long snapshotRevision;

  @WorkflowInit
  public LoanServicingWorkflowImpl(ServicingState state) {
    this.state = state;
    this.account = new LoanAccount(state, servicing);
    this.autopay = new AutopayWatch(state.loanId(), servicing, account);
    this.texts = new BorrowerTexts(state.loanId());
    this.cases = new CollectionCases(state.loanId(), state.openCollections(), state.promisedUntil());
    this.collateral = new LoanCollateral(state.loanId(), state.collateralDebt());
    this.n = state.nextInstallment();
    this.status = state.status() == null ? LoanStatus.ACTIVE : state.status();
    this.payments.addAll(state.unappliedPayments());
    this.fees.addAll(state.pendingFees());
    this.snapshotRevision = state.snapshotRevision();
  }

  @Override
  public void service(ServicingState ignored) {
    if (account.loadTerms()) {
      registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
          LoanStatus.ACTIVE.name()));
    }
    snapshot();
    if (status == LoanStatus.PAID) {
      return;
    }
    if (status == LoanStatus.CHARGED_OFF) {
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
      int chargeOffDays = account.terms() == null ? LoanTerms.STANDARD_CHARGE_OFF_DAYS
          : account.terms().chargeOffAfterDays();
      if (collateralLiquidated || now >= account.oldestArrearDays(chargeOffDays)) {
        chargeOff();
        chargedOffLoop();
        return true;
      }
      long wake = account.oldestArrearDays(chargeOffDays);
      if (due != null) {
        InstallmentCalendar calendar = InstallmentCalendar.of(due.dueDate(), account.terms().zoneId());
        if (!remind3 && now >= calendar.remind3At()) {
          remind3 = true;
          texts.remind("payment-reminder-3", n, due, account, now < calendar.dueAt());
          if (now < calendar.dueAt() && Workflow.getVersion("partner-notices", Workflow.DEFAULT_VERSION, 1) >= 1) {
            partner.notifyPartner(new PartnerNotice(state.loanId(), PartnerNotice.REPAYMENT_DUE, "installment-" + n,
                now, Map.of("installment", String.valueOf(n), "dueDate", due.dueDate().toString(),
                    "amount", due.total().amount().toPlainString(), "currency",
                    due.total().currency().getCurrencyCode())));
          }
        }
        if (!remind1 && now >= calendar.remind1At()) {
          remind1 = true;
          texts.remind("payment-reminder-1", n, due, account, now < calendar.dueAt());
        }
        if (!accrued && now >= calendar.dueAt()) {
          accrued = true;
          // Interest accrues, a held credit pays what it can, autopay debits the rest.
          account.fallDue(n);
          autopay.debit(n, due);
          snapshot();
        }
        if (accrued && autopay.watchedDay() != null && now >= calendar.debitCheckAt(autopay.watchedDay())) {
          checkDebit(due);
        }
        if (accrued && !missChecked && now >= calendar.missCheckAt() && autopay.watchedDay() == null) {
          missChecked = true;
          cases.openFor(account.position().arrears(), account.terms());
          snapshot();
        }
        if (accrued && missChecked && autopay.watchedDay() == null) {
          return false;
        }
        wake = Math.min(wake, calendar.nextWake(remind3, remind1, accrued, autopay.watchedDay()));
      } else if (++loops > 200) {
        // Past maturity with arrears: keep the history small while waiting for payments or charge-off.
        return false;
      }
      changed = false;
      Duration wait = Duration.ofMillis(Math.max(1, Math.min(wake, now + 30 * DAY) - now));
      Workflow.await(wait, () -> !payments.isEmpty() || !fees.isEmpty() || changed);
    }
  }

  /** A returned debit is reversed with its fee, the borrower is told, and the installment is missed. */
  private void checkDebit(Installment due) {
    AutopayWatch.Returned returned = autopay.check(due);
    if (returned != null) {
      texts.returned(returned, account.terms());
      cases.openFor(account.position().arrears(), account.terms());
      snapshot();
    }
  }

  private void drainPayments() {
    List<PaymentReceived> incoming = List.copyOf(payments);
    LoanAccount.NewPayments applied = account.applyNew(payments, status == LoanStatus.CHARGED_OFF,
        Workflow.currentTimeMillis());
    collateralLiquidated |= applied.liquidation();
    if (applied.any()) {
      cases.cure(account.position().arrears());
      snapshot();
      if (Workflow.getVersion("partner-notices", Workflow.DEFAULT_VERSION, 1) >= 1) {
        for (PaymentReceived p : incoming) {
          partner.notifyPartner(new PartnerNotice(state.loanId(), PartnerNotice.REPAYMENT_RECEIVED,
              p.paymentReference(), Workflow.currentTimeMillis(), Map.of("amount", p.amount().amount().toPlainString(),
                  "currency", p.amount().currency().getCurrencyCode(), "balance",
                  account.position().balance().amount().toPlainString())));
        }
      }
    }
  }

  private void drainFees() {
    while (!fees.isEmpty()) {
      LateFee fee = fees.poll();
      if (status == LoanStatus.ACTIVE && account.firstTime(fee.key())) {
        account.lateFee(fee);
        snapshot();
      }
    }
  }

  private void chargeOff() {
    account.chargeOff();
    status = LoanStatus.CHARGED_OFF;
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
    status = LoanStatus.PAID;
    cases.closeAll(true);
    snapshot();
    if (account.terms().collateralised()) {
      collateral.release();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
        LoanStatus.PAID.name()));
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
    if (account.terms() != null && account.terms().collateralised() && status == LoanStatus.ACTIVE) {
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
    return account.balance(n, payments);
  }

  @Override
  public LoanStatement statement() {
    return account.statement(status, n, cases.promisedUntil(), today());
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
  private LoanStatus active() {
    return account.terms() == null ? null : status;
  }

  private static LocalDate today() {
    return LocalDates.utcDate(Workflow.currentTimeMillis());
  }
}
