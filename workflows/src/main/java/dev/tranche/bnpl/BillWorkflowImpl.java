package dev.tranche.bnpl;

import dev.tranche.chain.PledgeRequest;
import dev.tranche.common.FailureType;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.servicing.PaymentReceived;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * The bill's life. Money changes (refunds, payments, a day's interest) run one at a time under a
 * workflow lock, each posted before the state that reflects it changes, so a query never shows money
 * the ledger has not got. Business dates are the workflow clock's UTC dates.
 */
public class BillWorkflowImpl implements BillWorkflow {

  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(20))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(2))
          .setDoNotRetry(FailureType.NOT_FOUND.name(), FailureType.PROVIDER_REJECTED.name(),
              FailureType.DATA_REJECTED.name()).build()).build();

  private final BillActivities bills = Workflow.newActivityStub(BillActivities.class, OPTIONS);
  /** Merchant webhooks retry with backoff for hours, off the bill's own path. */
  private final BillActivities webhooks = Workflow.newActivityStub(BillActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2))
              .setMaximumInterval(Duration.ofMinutes(10)).setMaximumAttempts(30).build()).build());

  private final BillRequest request;
  private final BillTerms terms;
  private final WorkflowLock money = Workflow.newWorkflowLock();
  private final Queue<PaymentReceived> payments = new ArrayDeque<>();
  private final Set<String> paymentsSeen = new HashSet<>();
  private final Map<String, BillView> refunds = new HashMap<>();
  private final List<String> stages = new ArrayList<>();
  private final List<Promise<Void>> deliveries = new ArrayList<>();
  private BillStatus status = BillStatus.OPEN;
  private String shopper;
  private Money fee;
  private Money feeReturned;
  private Money refunded;
  private Money principalPaid;
  private Money lateInterest;
  private Money interestPaid;
  private LocalDate dueDate;
  private LocalDate accruedThrough;
  private final long expiresAtMillis;
  /** 1: the repayment events (due 3 days before, received, missed, collection initiated) are sent. */
  private int repaymentEvents = Workflow.DEFAULT_VERSION;
  private boolean dueTold;
  /** A secured bill: the shopper's wallet, and what became of the pledge (SECURED, or why it failed). */
  private String pledgeWallet;
  private String pledge;

  @WorkflowInit
  public BillWorkflowImpl(BillRequest request) {
    this.request = request;
    this.terms = request.terms();
    this.expiresAtMillis = Workflow.currentTimeMillis() + terms.checkoutMinutes() * 60_000L;
    Money zero = Money.zero(request.amount().currency());
    this.fee = zero;
    this.feeReturned = zero;
    this.refunded = zero;
    this.principalPaid = zero;
    this.lateInterest = zero;
    this.interestPaid = zero;
  }

  @Override
  public BillView run(BillRequest ignored) {
    repaymentEvents = Workflow.getVersion("repayment-events", Workflow.DEFAULT_VERSION, 1);
    long wait = expiresAtMillis - Workflow.currentTimeMillis();
    boolean confirmed = Workflow.await(Duration.ofMillis(Math.max(1, wait)), () -> shopper != null);
    if (!confirmed) {
      status = BillStatus.EXPIRED;
      bills.expire(request.billId());
      return finish();
    }
    Authorization authorization = bills.authorise(request.billId(), shopper);
    if (!authorization.approved()) {
      status = BillStatus.DECLINED;
      stages.add("DECLINED");
      bills.stage(request.billId(), "DECLINED", Map.of("reason", authorization.reason()));
      return finish();
    }
    if (terms.lpTokenCollateral() && !securedByPledge()) {
      return finish();
    }
    tell(MerchantEvent.AUTHORIZED, Map.of("amount", request.amount().amount().toPlainString()));
    LocalDate today = today();
    fee = terms.merchantFee(request.amount());
    dueDate = terms.dueDate(today);
    accruedThrough = dueDate;
    bills.capture(new BillPosting("bill-capture:" + request.billId(), "CAPTURE", request.billId(),
        request.merchantId(), request.amount(), fee, null, null, today, request.orderReference()), dueDate);
    status = BillStatus.CAPTURED;
    stages.add("CAPTURED");
    tell(MerchantEvent.CAPTURED, Map.of("amount", request.amount().amount().toPlainString(),
        "merchantFee", fee.amount().toPlainString(), "dueDate", dueDate.toString()));
    bills.startSettlement(request.merchantId(), today);
    record();
    service();
    return finish();
  }

  /** Until paid or placed with the agency: payments as they come, each late day's interest and stage. */
  private void service() {
    while (true) {
      money.lock();
      try {
        applyPayments();
        if (!outstanding().positive()) {
          status = BillStatus.PAID;
          stages.add("PAID");
          bills.stage(request.billId(), "PAID", Map.of());
          return;
        }
        LocalDate today = today();
        if (repaymentEvents >= 1 && !dueTold && !today.isBefore(dueDate.minusDays(3)) && !today.isAfter(dueDate)) {
          dueTold = true;
          tell(MerchantEvent.REPAYMENT_DUE, Map.of("dueDate", dueDate.toString(), "outstanding",
              outstanding().amount().toPlainString()));
        }
        if (today.isAfter(dueDate)) {
          status = BillStatus.OVERDUE;
          while (accruedThrough.isBefore(today)) {
            accrue(accruedThrough.plusDays(1));
          }
          if (climbLadder((int) ChronoUnit.DAYS.between(dueDate, today))) {
            return;
          }
        }
        record();
      } finally {
        money.unlock();
      }
      long nextDay = LocalDates.startOfDayMillis(today().plusDays(1));
      Workflow.await(Duration.ofMillis(Math.max(1, nextDay - Workflow.currentTimeMillis())),
          () -> !payments.isEmpty() || !outstanding().positive());
    }
  }

  private void accrue(LocalDate day) {
    Money interest = terms.dailyLateInterest(unpaidPrincipal());
    if (interest.positive()) {
      bills.post(new BillPosting("bill-interest:" + request.billId() + ":" + day, "LATE_INTEREST", request.billId(),
          request.merchantId(), null, null, interest, null, day, null));
      lateInterest = lateInterest.plus(interest);
    }
    accruedThrough = day;
  }

  /** Reaches every stage due by {@code daysLate}; true once the bill is with the agency. */
  private boolean climbLadder(int daysLate) {
    BillTerms.Ladder ladder = terms.ladder();
    if (daysLate >= ladder.friendly() && reach("collection-friendly")) {
      Map<String, String> late = Map.of("dueDate", dueDate.toString(), "outstanding",
          outstanding().amount().toPlainString());
      tell(MerchantEvent.OVERDUE, late);
      if (repaymentEvents >= 1) {
        tell(MerchantEvent.REPAYMENT_MISSED, late);
        tell(MerchantEvent.COLLECTION_INITIATED, Map.of("stage", "collection-friendly", "outstanding",
            outstanding().amount().toPlainString()));
      }
    }
    if (daysLate >= ladder.warning()) {
      reach("collection-warning");
    }
    if (daysLate >= ladder.fin()) {
      reach("collection-final");
    }
    if (daysLate >= ladder.lateFee()) {
      reach("late-fee");
    }
    if (daysLate >= ladder.agency() && !stages.contains("agency")) {
      String ack = bills.handOffToAgency(request.billId(), outstanding());
      stages.add("agency");
      bills.stage(request.billId(), "agency", Map.of("acknowledgementId", ack));
      status = BillStatus.WITH_AGENCY;
      return true;
    }
    return false;
  }

  private boolean reach(String stage) {
    if (stages.contains(stage)) {
      return false;
    }
    stages.add(stage);
    bills.stage(request.billId(), stage, Map.of("outstanding", outstanding().amount().toPlainString()));
    return true;
  }

  /** Interest first, then principal; anything beyond what is owed is held as the shopper's credit. */
  private void applyPayments() {
    while (!payments.isEmpty()) {
      PaymentReceived p = payments.poll();
      Money interest = p.amount().min(lateInterest.minus(interestPaid));
      Money principal = p.amount().minus(interest).min(unpaidPrincipal());
      Money excess = p.amount().minus(interest).minus(principal);
      bills.post(new BillPosting("bill-payment:" + p.paymentReference(), "PAYMENT", request.billId(),
          request.merchantId(), principal, null, interest, excess, LocalDates.utcDate(p.receivedAtMillis()),
          p.paymentReference()));
      interestPaid = interestPaid.plus(interest);
      principalPaid = principalPaid.plus(principal);
      stages.add("PAYMENT:" + p.amount().amount().toPlainString());
      if (repaymentEvents >= 1) {
        tell(MerchantEvent.REPAYMENT_RECEIVED, Map.of("amount", p.amount().amount().toPlainString(),
            "outstanding", outstanding().amount().toPlainString()), p.paymentReference());
      }
    }
  }

  @Override
  public BillView confirm(String shopper) {
    this.shopper = shopper;
    Workflow.await(() -> status != BillStatus.OPEN);
    return view();
  }

  @Override
  public BillView confirmWithCollateral(CollateralPledge p) {
    this.pledgeWallet = p.walletAddress();
    return confirm(p.shopper());
  }

  @Override
  public void validateConfirmWithCollateral(CollateralPledge p) {
    if (!terms.lpTokenCollateral()) {
      throw new IllegalArgumentException("this bill is not secured: confirm it without a wallet");
    }
    if (p == null || p.walletAddress() == null || !p.walletAddress().matches("^0x[0-9a-fA-F]{40}$")) {
      throw new IllegalArgumentException("walletAddress must be a 20-byte hex address (0x + 40 hex digits)");
    }
    checkShopper(p == null ? null : p.shopper());
  }

  @Override
  public void collateralSecured() {
    pledge = "SECURED";
  }

  @Override
  public void collateralFailed(String reason) {
    pledge = reason == null ? "FAILED" : reason;
  }

  @Override
  public void validateConfirm(String shopper) {
    if (terms.lpTokenCollateral() && pledgeWallet == null) {
      throw new IllegalArgumentException("this bill is secured by LP tokens: confirm it with the wallet they come from");
    }
    checkShopper(shopper);
  }

  private void checkShopper(String shopper) {
    if (shopper == null || shopper.isBlank()) {
      throw new IllegalArgumentException("a signed-in shopper confirms the checkout");
    }
    if (this.shopper != null && !this.shopper.equals(shopper)) {
      throw new IllegalStateException("another shopper confirmed this checkout");
    }
    if (status == BillStatus.EXPIRED || Workflow.currentTimeMillis() >= expiresAtMillis && status == BillStatus.OPEN) {
      throw new IllegalStateException("the checkout session has expired");
    }
  }

  @Override
  public BillView refund(Refund refund) {
    BillView earlier = refunds.get(refund.refundId());
    if (earlier != null) {
      return earlier;
    }
    money.lock();
    try {
      if (refunds.containsKey(refund.refundId())) {
        return refunds.get(refund.refundId());
      }
      checkRefund(refund);
      Money returned = terms.feeReturned(refund.amount(), fee.minus(feeReturned));
      bills.post(new BillPosting("bill-refund:" + request.billId() + ":" + refund.refundId(), "REFUND",
          request.billId(), request.merchantId(), refund.amount(), returned, null, null, today(),
          refund.refundId() + (refund.reason() == null ? "" : "|" + refund.reason())));
      refunded = refunded.plus(refund.amount());
      feeReturned = feeReturned.plus(returned);
      stages.add("REFUND:" + refund.amount().amount().toPlainString());
      tell(MerchantEvent.REFUNDED, Map.of("refundId", refund.refundId(), "amount",
          refund.amount().amount().toPlainString(), "feeReturned", returned.amount().toPlainString(),
          "outstanding", outstanding().amount().toPlainString()), refund.refundId());
      if (!outstanding().positive()) {
        status = BillStatus.PAID;
      }
      record();
      BillView view = view();
      refunds.put(refund.refundId(), view);
      return view;
    } finally {
      money.unlock();
    }
  }

  @Override
  public void validateRefund(Refund refund) {
    if (refund == null || refund.refundId() == null || refund.amount() == null) {
      throw new IllegalArgumentException("a refund needs its id and amount");
    }
    if (refunds.containsKey(refund.refundId())) {
      return;
    }
    checkRefund(refund);
  }

  private void checkRefund(Refund refund) {
    if (status != BillStatus.CAPTURED && status != BillStatus.OVERDUE && status != BillStatus.PAID) {
      throw ApplicationFailure.newNonRetryableFailure("only a captured bill can be refunded (it is " + status + ")",
          "CONFLICT");
    }
    if (!refund.amount().currency().equals(request.amount().currency()) || !refund.amount().positive()) {
      throw ApplicationFailure.newNonRetryableFailure("the refund must be a positive amount in "
          + request.amount().currency(), "INVALID");
    }
    Money refundable = request.amount().minus(refunded);
    if (refund.amount().compareTo(refundable) > 0) {
      throw ApplicationFailure.newNonRetryableFailure("at most " + refundable.amount().toPlainString()
          + " is left to refund", "INVALID");
    }
    if (refund.amount().compareTo(unpaidPrincipal()) > 0) {
      throw ApplicationFailure.newNonRetryableFailure("the shopper has already paid " + principalPaid.amount()
          .toPlainString() + " of this bill; refund them directly", "CONFLICT");
    }
  }

  @Override
  public void paymentReceived(PaymentReceived payment) {
    if (paymentsSeen.add(payment.paymentReference())) {
      payments.add(payment);
    }
  }

  @Override
  public BillView view() {
    int daysLate = dueDate == null || status == BillStatus.PAID ? 0
        : (int) Math.max(0, ChronoUnit.DAYS.between(dueDate, today()));
    return new BillView(request.billId(), request.merchantId(), request.orderReference(), status, shopper,
        request.amount(), fee, refunded, principalPaid, lateInterest, interestPaid, outstanding(), dueDate, daysLate,
        request.paymentReference(), List.copyOf(stages));
  }

  /**
   * Asks the shopper's pledge through {@code bill-collateral-{id}} (on the chain queue, started on its own so it
   * outlives this workflow to watch the position) and waits for it; false, the bill declined, when it did not
   * arrive in time.
   */
  private boolean securedByPledge() {
    status = BillStatus.AWAITING_COLLATERAL;
    record();
    bills.startCollateral(new PledgeRequest(request.billId(), chainOf(), pledgeWallet, request.amount(),
        terms.collateralRatio(), terms.depositWindowMinutes() * 60L));
    Workflow.await(() -> pledge != null);
    if (!"SECURED".equals(pledge)) {
      status = BillStatus.DECLINED;
      stages.add("COLLATERAL_FAILED");
      bills.stage(request.billId(), "COLLATERAL_FAILED", Map.of("reason", pledge));
      return false;
    }
    stages.add("COLLATERAL_LOCKED");
    return true;
  }

  private String chainOf() {
    return request.collateralChain() == null ? "locallp" : request.collateralChain();
  }

  private BillView finish() {
    if (pledge != null && "SECURED".equals(pledge) && status == BillStatus.PAID) {
      try {
        Workflow.newExternalWorkflowStub(BillCollateralWorkflow.class, "bill-collateral-" + request.billId())
            .release();
      } catch (SignalExternalWorkflowException gone) {
        // The collateral was liquidated (its workflow ended): nothing left to release.
      }
    }
    record();
    Promise.allOf(deliveries).get();
    return view();
  }

  private Money unpaidPrincipal() {
    return request.amount().minus(refunded).minus(principalPaid);
  }

  private Money outstanding() {
    if (status == BillStatus.OPEN || status == BillStatus.EXPIRED || status == BillStatus.DECLINED
        || status == BillStatus.AWAITING_COLLATERAL) {
      return Money.zero(request.amount().currency());
    }
    return unpaidPrincipal().plus(lateInterest).minus(interestPaid);
  }

  private void record() {
    bills.record(view());
  }

  private void tell(String type, Map<String, String> data) {
    tell(type, data, null);
  }

  private void tell(String type, Map<String, String> data, String discriminator) {
    Map<String, String> body = new LinkedHashMap<>(data);
    body.put("billId", request.billId());
    body.put("orderReference", request.orderReference());
    body.put("currency", request.amount().currency().getCurrencyCode());
    String eventId = request.billId() + ":" + type + (discriminator == null ? "" : ":" + discriminator);
    deliveries.add(Async.procedure(webhooks::deliverEvent, new MerchantEvent(eventId, request.merchantId(), type,
        request.billId(), Workflow.currentTimeMillis(), body)));
  }

  private LocalDate today() {
    return LocalDates.utcDate(Workflow.currentTimeMillis());
  }
}
