package dev.tranche.servicing;

import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainOptions;
import dev.tranche.chain.CollateralReleases;
import dev.tranche.chain.Transactions;
import dev.tranche.chain.TxOutcome;
import dev.tranche.collections.CollectionActivities;
import dev.tranche.collections.CollectionRequest;
import dev.tranche.collections.CollectionWorkflow;
import dev.tranche.collections.ContactHours;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
import dev.tranche.common.WorkflowIds;
import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public class LoanServicingWorkflowImpl implements LoanServicingWorkflow {

  static final int CHARGE_OFF_DAYS = 120;
  /** ACH returns arrive up to a few banking days after the entry; the run watches the debit this long. */
  static final int DEBIT_WATCH_DAYS = 5;
  static final String RETURN_FEE = "15.00";
  private static final long DAY = Duration.ofDays(1).toMillis();

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  private final ServicingActivities servicing = Workflow.newActivityStub(ServicingActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());
  private final CollectionActivities cases = Workflow.newActivityStub(CollectionActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());
  /** Collateralised loans only: the vault's debt and the collateral's release. */
  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());
  private final NotificationActivities sms = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build()).build());

  private final ServicingState state;
  /** Legacy runs (before "servicing-v2") kept only the unapplied payments. */
  private final List<PaymentReceived> unapplied;
  private boolean legacy;

  private LoanTerms terms;
  private LoanPosition position;
  private List<Installment> schedule;
  private int n;
  private final Set<String> applied = new LinkedHashSet<>();
  private final List<Integer> openCollections = new ArrayList<>();
  private LocalDate promisedUntil;
  private String status;
  private LocalDate lastDueDate;
  private final Deque<PaymentReceived> payments = new ArrayDeque<>();
  private final Deque<LateFee> fees = new ArrayDeque<>();
  private boolean changed;
  private Debit debit;
  private Allocation debitAllocation;
  private int debitDay;
  /** The loan's collateral was liquidated and its proceeds applied: the loan ends in this run. */
  private boolean collateralLiquidated;
  /** What the vault holds as this collateralised loan's debt (null: the principal it was locked for). */
  private Money collateralDebt;
  private int debtUpdates;
  private long snapshotRevision;

  @WorkflowInit
  public LoanServicingWorkflowImpl(ServicingState state) {
    this.state = state;
    this.unapplied = new ArrayList<>(state.unappliedPayments());
    this.schedule = new ArrayList<>(state.schedule());
    this.n = state.nextInstallment();
    this.terms = state.terms();
    this.position = state.position();
    this.applied.addAll(state.appliedReferences());
    this.openCollections.addAll(state.openCollections());
    this.promisedUntil = state.promisedUntil();
    this.status = state.status() == null ? "ACTIVE" : state.status();
    this.lastDueDate = state.lastDueDate();
    this.payments.addAll(state.unappliedPayments());
    this.fees.addAll(state.pendingFees());
    this.collateralDebt = state.collateralDebt();
    this.snapshotRevision = state.snapshotRevision();
  }

  @Override
  public void service(ServicingState ignored) {
    legacy = Workflow.getVersion("servicing-v2", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
    if (legacy) {
      legacyService();
      return;
    }
    boolean firstRun = terms == null;
    if (firstRun) {
      terms = servicing.terms(state.loanId());
      registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
          "ACTIVE"));
    }
    if (position == null) {
      position = LoanPosition.opened(state.principalOutstanding());
    }
    if (lastDueDate == null) {
      lastDueDate = schedule.getFirst().dueDate().minusMonths(1);
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
    handOver(n <= schedule.size() ? n + 1 : n);
  }

  /** One installment's run; true when the loan ended (paid or charged off) within it. */
  private boolean runInstallment() {
    boolean hasInstallment = n <= schedule.size();
    boolean remind3 = false;
    boolean remind1 = false;
    // A run restarted from a snapshot (the sweep's repair) must not make an installment fall due twice.
    boolean accrued = !hasInstallment || !schedule.get(n - 1).dueDate().isAfter(lastDueDate);
    boolean missChecked = !hasInstallment;
    int loops = 0;
    while (true) {
      drainFees();
      drainPayments();
      if (position.closed()) {
        finishPaid();
        return true;
      }
      long now = Workflow.currentTimeMillis();
      if (collateralLiquidated && Workflow.getVersion("liquidation-closes", Workflow.DEFAULT_VERSION, 1) == 1) {
        // The collateral is gone and its proceeds fell short: the deficiency is charged off now
        // (recoveries are still taken), rather than left to run through the ladder again.
        chargeOff();
        chargedOffLoop();
        return true;
      }
      if (now >= chargeOffAt()) {
        chargeOff();
        chargedOffLoop();
        return true;
      }
      List<Long> wakes = new ArrayList<>();
      wakes.add(chargeOffAt());
      if (hasInstallment) {
        Installment due = schedule.get(n - 1);
        long dueAt = LocalDates.startOfDayMillis(due.dueDate());
        long r3 = ContactHours.at(due.dueDate().minusDays(3), LocalTime.of(10, 0), terms.zoneId());
        long r1 = ContactHours.at(due.dueDate().minusDays(1), LocalTime.of(10, 0), terms.zoneId());
        if (!remind3 && now >= r3) {
          remind3 = true;
          remind("payment-reminder-3", due, now < dueAt);
        }
        if (!remind1 && now >= r1) {
          remind1 = true;
          remind("payment-reminder-1", due, now < dueAt);
        }
        if (!accrued && now >= dueAt) {
          accrued = true;
          fallDue(due);
        }
        if (accrued && debit != null && now >= dueAt + debitDay * DAY) {
          checkDebit(due);
        }
        if (accrued && !missChecked && now >= dueAt + DAY && debit == null) {
          missChecked = true;
          openCollectionsForArrears();
          snapshot();
        }
        if (accrued && missChecked && debit == null) {
          return false;
        }
        if (!remind3) {
          wakes.add(r3);
        } else if (!remind1) {
          wakes.add(r1);
        } else if (!accrued) {
          wakes.add(dueAt);
        } else if (debit != null) {
          wakes.add(dueAt + debitDay * DAY);
        } else {
          wakes.add(dueAt + DAY);
        }
      } else if (++loops > 200) {
        // Past maturity with arrears: keep the history small while waiting for payments or charge-off.
        return false;
      }
      long wake = wakes.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
      changed = false;
      Duration wait = Duration.ofMillis(Math.max(1, Math.min(wake, now + 30 * DAY) - now));
      Workflow.await(wait, () -> !payments.isEmpty() || !fees.isEmpty() || changed);
    }
  }

  private void remind(String template, Installment due, boolean beforeDue) {
    Arrear owed = position.arrears().stream().filter(a -> a.installment() == n).findFirst().orElse(null);
    if (!beforeDue || position.credit().compareTo(terms.levelPayment()) >= 0 || owed != null) {
      return;
    }
    text(template + ":" + state.loanId() + ":" + n, template, Map.of("amount", terms.levelPayment().toString(),
        "dueDate", due.dueDate().toString(), "autopay", String.valueOf(terms.autopay())));
  }

  private void text(String key, String template, Map<String, String> params) {
    Texts.send(sms, new Sms(key, terms.applicationId(), template, params));
  }

  /** The installment falls due: interest accrues, a held credit pays what it can, autopay debits the rest. */
  private void fallDue(Installment due) {
    LoanPosition.Accrual accrual = position.accrual(n, due.dueDate(), terms.levelPayment(), n == schedule.size(),
        Amortization.monthlyRate(terms.apr()));
    if (accrual.interest().positive()) {
      servicing.postAccrual(state.loanId(), "accrual:" + state.loanId() + ":" + n, accrual.interest());
    }
    position = position.accrue(accrual);
    lastDueDate = due.dueDate();
    LoanPosition.Applied credit = position.applyCredit();
    if (credit != null) {
      Allocation allocation = rename(credit.allocation(), "credit:" + state.loanId() + ":" + n);
      servicing.postPayment(state.loanId(), allocation);
      position = credit.position();
    }
    Arrear owed = position.arrears().stream().filter(a -> a.installment() == n).findFirst().orElse(null);
    if (terms.autopay() && owed != null) {
      Debit asked = servicing.initiateDebit(new Debit(state.loanId(), "autopay:" + state.loanId() + ":" + n,
          terms.autopayAccount(), owed.remaining(), due.dueDate(), null, null, null));
      if ("PENDING".equals(asked.status())) {
        LoanPosition.Applied paid = position.apply(asked.idempotencyKey(), owed.remaining(), ExcessPolicy.PRINCIPAL);
        servicing.postPayment(state.loanId(), paid.allocation());
        position = paid.position();
        applied.add(asked.idempotencyKey());
        debit = asked;
        debitAllocation = paid.allocation();
        debitDay = 1;
      }
    }
    snapshot();
  }

  private static Allocation rename(Allocation a, String reference) {
    return new Allocation(reference, a.amount(), a.penalties(), a.fees(), a.interest(), a.principalDue(),
        a.principalPrepaid(), a.credit(), a.covered());
  }

  /** Asks the rail how the debit stands on the next banking day; a return reverses the payment. */
  private void checkDebit(Installment due) {
    Debit now = servicing.debitStatus(debit, due.dueDate().plusDays(debitDay));
    if ("RETURNED".equals(now.status())) {
      servicing.postReturn(state.loanId(), debitAllocation);
      position = position.reverse(debitAllocation);
      Money fee = Money.of(RETURN_FEE, position.principal().currency().getCurrencyCode());
      servicing.postFee(state.loanId(), "return-fee:" + debit.idempotencyKey(), fee, "RETURNED_PAYMENT_FEE");
      position = position.assessFee(fee);
      text("payment-returned:" + debit.idempotencyKey(), "payment-returned", Map.of("amount",
          debitAllocation.amount().toString(), "code", String.valueOf(now.returnCode())));
      debit = null;
      debitAllocation = null;
      openCollectionsForArrears();
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
      if (applied.contains(p.paymentReference())) {
        continue;
      }
      applied.add(p.paymentReference());
      any = true;
      if (status.equals("CHARGED_OFF")) {
        servicing.postRecovery(state.loanId(), p.paymentReference(), p.amount());
        continue;
      }
      LocalDate day = LocalDates.utcDate(p.receivedAtMillis() > 0 ? p.receivedAtMillis() : Workflow.currentTimeMillis());
      Money perDiem = position.perDiemInterest(Amortization.monthlyRate(terms.apr()),
          Math.max(0, ChronoUnit.DAYS.between(lastDueDate, day)));
      if (p.amount().compareTo(position.payoffAmount(perDiem)) >= 0 && perDiem.positive()) {
        servicing.postAccrual(state.loanId(), "payoff-interest:" + p.paymentReference(), perDiem);
        position = position.addInterest(perDiem);
      }
      if (p.paymentReference().startsWith("liquidation:")) {
        collateralLiquidated = true;
      }
      LoanPosition.Applied result = position.apply(p.paymentReference(), p.amount(),
          p.excess() == null ? ExcessPolicy.PRINCIPAL : p.excess());
      servicing.postPayment(state.loanId(), result.allocation());
      position = result.position();
    }
    if (any) {
      cureCollections();
      snapshot();
    }
  }

  private void drainFees() {
    while (!fees.isEmpty()) {
      LateFee fee = fees.poll();
      if (applied.contains(fee.key()) || !status.equals("ACTIVE")) {
        continue;
      }
      applied.add(fee.key());
      servicing.postFee(state.loanId(), fee.key(), fee.amount(), "LATE_FEE");
      position = position.assessPenalty(fee.amount());
      snapshot();
    }
  }

  private void openCollectionsForArrears() {
    for (Arrear arrear : position.arrears()) {
      if (openCollections.contains(arrear.installment())) {
        continue;
      }
      // A case is its own workflow, not a child: it outlives this run (continue-as-new) by weeks.
      // Its id is the business key, so a case the sweep opened first is not opened twice.
      cases.openCase(new CollectionRequest(state.loanId(), terms.applicationId(), arrear.installment(),
          arrear.dueDate(), arrear.remaining(), terms.zoneId(), terms.collateralised()));
      openCollections.add(arrear.installment());
      if (promisedUntil != null) {
        try {
          Workflow.newExternalWorkflowStub(CollectionWorkflow.class,
              WorkflowIds.collection(state.loanId(), arrear.installment())).pause(promisedUntil);
        } catch (RuntimeException closed) {
          // already ended
        }
      }
    }
  }

  private void cureCollections() {
    for (Integer installment : List.copyOf(openCollections)) {
      boolean stillOwed = position.arrears().stream().anyMatch(a -> a.installment() == installment);
      if (!stillOwed) {
        signalCollection(installment, true);
        openCollections.remove(installment);
      }
    }
  }

  private void signalCollection(int installment, boolean cured) {
    try {
      CollectionWorkflow c = Workflow.newExternalWorkflowStub(CollectionWorkflow.class,
          WorkflowIds.collection(state.loanId(), installment));
      if (cured) {
        c.cured();
      } else {
        c.chargedOff();
      }
    } catch (RuntimeException closed) {
      // The case already ended (e.g. handed to the agency): nothing to tell it.
    }
  }

  private long chargeOffAt() {
    return position.arrears().isEmpty() ? Long.MAX_VALUE
        : LocalDates.startOfDayMillis(position.arrears().getFirst().dueDate().plusDays(CHARGE_OFF_DAYS));
  }

  private void chargeOff() {
    servicing.postChargeOff(state.loanId(), position);
    position = position.chargeOff();
    status = "CHARGED_OFF";
    for (Integer installment : openCollections) {
      signalCollection(installment, false);
    }
    openCollections.clear();
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
    for (Integer installment : openCollections) {
      signalCollection(installment, true);
    }
    openCollections.clear();
    snapshot();
    if (terms != null && terms.collateralised()
        && Workflow.getVersion("collateral-release", Workflow.DEFAULT_VERSION, 1) == 1) {
      releaseCollateral();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
        "PAID"));
  }

  /** A paid-off loan's collateral still in the vault goes back to the borrower (its monitor then ends). */
  private void releaseCollateral() {
    String chainName = chain.collateralChain(state.loanId());
    if (chainName == null) {
      return;
    }
    if (Workflow.getVersion("collateral-release-retried", Workflow.DEFAULT_VERSION, 1) == 1) {
      CollateralReleases.release(chain, receipts, chainName, state.loanId(), "paid-off loan " + state.loanId());
    } else {
      Transactions.confirm(chain, receipts, chainName, chain.submitRelease(chainName, state.loanId()));
    }
  }

  /** Continue-as-new once every handler finished; signals queued meanwhile travel with the state. */
  private void handOver(int next) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(currentState(next));
  }

  private ServicingState currentState(int next) {
    return new ServicingState(state.loanId(), schedule, next, position.principal(), List.copyOf(payments), terms,
        position, List.copyOf(applied), List.copyOf(openCollections), promisedUntil, status, lastDueDate,
        List.copyOf(fees), collateralDebt, snapshotRevision);
  }

  private void snapshot() {
    snapshotRevision++;
    servicing.recordSnapshot(new LoanSnapshot(statement(), currentState(n)));
    syncCollateralDebt();
  }

  /**
   * A collateralised loan's debt in the vault follows its balance, so the health factor and what a
   * liquidation seizes (debt plus 10 %) are measured against what is owed now, not at funding.
   */
  private void syncCollateralDebt() {
    if (terms == null || !terms.collateralised() || !"ACTIVE".equals(status) || position == null) {
      return;
    }
    Money owed = position.balance();
    if (collateralDebt == null) {
      // Locked at funding for the principal.
      collateralDebt = state.principalOutstanding();
    }
    if (owed.compareTo(collateralDebt) == 0 || !owed.positive()) {
      return;
    }
    if (Workflow.getVersion("collateral-debt", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    String chainName = chain.collateralChain(state.loanId());
    if (chainName == null) {
      return;
    }
    String key = "debt:" + state.loanId() + ":" + Workflow.getInfo().getRunId() + ":" + (++debtUpdates);
    TxOutcome updated = Transactions.confirm(chain, receipts, chainName,
        chain.submitDebtUpdate(chainName, state.loanId(), owed.amount().toPlainString(), key));
    if (updated != null && updated.success()) {
      collateralDebt = owed;
    }
  }

  // --- signals, queries, updates ---

  @Override
  public void paymentReceived(PaymentReceived payment) {
    if (legacy) {
      boolean seen = unapplied.stream().anyMatch(p -> p.paymentReference().equals(payment.paymentReference()));
      if (!seen) {
        unapplied.add(payment);
      }
      return;
    }
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
    if (legacy || position == null) {
      return legacyBalance();
    }
    Money pending = Money.zero(position.principal().currency());
    for (PaymentReceived p : payments) {
      pending = pending.plus(p.amount());
    }
    Installment next = n <= schedule.size() ? schedule.get(n - 1) : null;
    return new LoanBalance(state.loanId(), position.principal(), n, next == null ? null : next.dueDate(),
        terms == null ? null : terms.levelPayment(), pending);
  }

  @Override
  public LoanStatement statement() {
    LocalDate today = LocalDates.utcDate(Workflow.currentTimeMillis());
    Installment next = n <= schedule.size() ? schedule.get(n - 1) : null;
    LoanPosition p = position == null ? LoanPosition.opened(state.principalOutstanding()) : position;
    return new LoanStatement(state.loanId(), status, p.principal(), p.interestDue(), p.feesDue(), p.penaltiesDue(),
        p.pastDue(), p.credit(), p.balance(), n, next == null ? null : next.dueDate(), p.daysPastDue(today),
        p.bucket(today), terms == null ? 1 : terms.scheduleVersion(), promisedUntil,
        p.arrears().isEmpty() ? null : p.arrears().getFirst().dueDate(), PaymentReferences.of(state.loanId()));
  }

  @Override
  public void validatePayoffQuote(LocalDate validOn) {
    requireActive();
    LocalDate today = LocalDates.utcDate(Workflow.currentTimeMillis());
    if (validOn == null || validOn.isBefore(today) || validOn.isAfter(today.plusDays(30))) {
      throw new IllegalArgumentException("a payoff quote is for a date from today to 30 days ahead");
    }
    if (n <= schedule.size() && validOn.isAfter(schedule.get(n - 1).dueDate())) {
      throw new IllegalArgumentException("a payoff quote is valid up to the next due date, "
          + schedule.get(n - 1).dueDate());
    }
  }

  @Override
  public PayoffQuote payoffQuote(LocalDate validOn) {
    Money perDiem = position.perDiemInterest(Amortization.monthlyRate(terms.apr()),
        Math.max(0, ChronoUnit.DAYS.between(lastDueDate, validOn)));
    return new PayoffQuote(state.loanId(), validOn, position.payoffAmount(perDiem), position.principal(),
        position.interestDue().plus(perDiem), position.feesDue(), position.penaltiesDue());
  }

  @Override
  public void validateReschedule(RescheduleRequest r) {
    requireActive();
    if (r == null || r.approvedBy() == null || r.approvedBy().isBlank()
        || !(r.approverRoles().contains("OPS") || r.approverRoles().contains("ADMIN"))) {
      throw new IllegalStateException("a hardship reschedule needs an ops approver");
    }
    if (r.remainingInstallments() < 1 || r.remainingInstallments() > 120) {
      throw new IllegalArgumentException("remainingInstallments must be 1 to 120");
    }
    if (r.reason() == null || r.reason().isBlank()) {
      throw new IllegalArgumentException("a reason is required");
    }
    if (n > schedule.size()) {
      throw new IllegalStateException("the loan is past its last installment");
    }
  }

  @Override
  public LoanStatement reschedule(RescheduleRequest r) {
    // The run's state changes only once the new schedule is stored: a refused store leaves it as it was.
    LoanPosition capitalised = position.capitaliseForReschedule();
    List<Installment> fresh = Amortization.schedule(capitalised.principal(), terms.apr(), r.remainingInstallments(),
        lastDueDate);
    // The new schedule starts a month after the last due date. When this run's installment already fell
    // due (its autopay watch or missed-payment check still running), the new one is the next number: the
    // run hands over to it and it accrues and bills like any other. Renumbering from this run's number
    // instead left the first new installment never falling due (one month's interest lost).
    int fallenDue = n - 1;
    if (Workflow.getVersion("reschedule-after-due", Workflow.DEFAULT_VERSION, 1) == 1
        && !schedule.get(n - 1).dueDate().isAfter(lastDueDate)) {
      fallenDue = n;
    }
    List<Installment> renumbered = new ArrayList<>();
    for (Installment i : fresh) {
      renumbered.add(new Installment(fallenDue + i.number(), i.dueDate(), i.principal(), i.interest(), i.total(),
          i.balanceAfter()));
    }
    int version = terms.scheduleVersion() + 1;
    servicing.storeSchedule(state.loanId(), version, renumbered, r.reason(), r.approvedBy());
    position = capitalised;
    List<Installment> next = new ArrayList<>(schedule.subList(0, fallenDue));
    next.addAll(renumbered);
    schedule = next;
    terms = terms.withSchedule(renumbered.getFirst().total(), version);
    cureCollections();
    changed = true;
    snapshot();
    return statement();
  }

  @Override
  public void validatePromiseToPay(LocalDate date) {
    requireActive();
    LocalDate today = LocalDates.utcDate(Workflow.currentTimeMillis());
    if (date == null || !date.isAfter(today) || date.isAfter(today.plusDays(30))) {
      throw new IllegalArgumentException("a promise to pay is for a date within the next 30 days");
    }
    if (position.arrears().isEmpty()) {
      throw new IllegalStateException("nothing is past due");
    }
  }

  @Override
  public LoanStatement promiseToPay(LocalDate date) {
    promisedUntil = date;
    for (Integer installment : openCollections) {
      try {
        Workflow.newExternalWorkflowStub(CollectionWorkflow.class,
            WorkflowIds.collection(state.loanId(), installment)).pause(date);
      } catch (RuntimeException closed) {
        // already ended
      }
    }
    snapshot();
    return statement();
  }

  private void requireActive() {
    if (legacy || position == null || !"ACTIVE".equals(status)) {
      throw new IllegalStateException("the loan is " + (status == null ? "not serviced yet" : status));
    }
  }

  // --- the path of runs started before servicing-v2 ---

  private void legacyService() {
    if (state.nextInstallment() == 1) {
      registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "LoanServicingWorkflow", state.loanId(),
          "ACTIVE"));
    }
    if (state.nextInstallment() > state.schedule().size()) {
      return;
    }
    Installment next = state.schedule().get(state.nextInstallment() - 1);
    long dueAt = LocalDates.startOfDayMillis(next.dueDate());
    Workflow.sleep(Duration.ofMillis(Math.max(0, dueAt - Workflow.currentTimeMillis())));
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(new ServicingState(state.loanId(), state.schedule(), state.nextInstallment() + 1,
        state.principalOutstanding(), unapplied));
  }

  private LoanBalance legacyBalance() {
    Money pending = Money.zero(state.principalOutstanding().currency());
    for (PaymentReceived payment : unapplied) {
      pending = pending.plus(payment.amount());
    }
    boolean done = state.nextInstallment() > state.schedule().size();
    Installment next = done ? null : state.schedule().get(state.nextInstallment() - 1);
    return new LoanBalance(state.loanId(), state.principalOutstanding(), state.nextInstallment(),
        next == null ? null : next.dueDate(), next == null ? null : next.total(), pending);
  }
}
