package dev.tranche.collections;

import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.LocalDates;
import dev.tranche.partner.PartnerNotice;
import dev.tranche.partner.PartnerNotices;
import dev.tranche.servicing.LateFee;
import dev.tranche.servicing.LoanServicingWorkflow;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ladder of the loan's product, in days after the missed due date (the standard one: 1 friendly reminder,
 * 7 warning, 13 final notice, 14 late fee, 21 liquidation warning (collateralised loans), 30
 * liquidation hand-off (collateralised) or collection agency (unsecured)). Texts respect the
 * borrower's quiet hours; a promise to pay holds the ladder until the promised date.
 */
public class CollectionWorkflowImpl implements CollectionWorkflow {

  /** The 1.0 late fee, for cases whose request does not carry the product's. */
  public static final String LATE_FEE = "25.00";

  private final CollectionActivities cases = Workflow.newActivityStub(CollectionActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(5)).build()).build());
  private final NotificationActivities sms = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build()).build());

  /** The loan's partner hears of the missed installment and the collection case (a loan without one: nobody). */
  private final PartnerNotices partner = Workflow.newActivityStub(PartnerNotices.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build()).build());

  private final CollectionRequest request;
  private final List<String> stages = new ArrayList<>();
  private boolean cured;
  private boolean chargedOff;
  private LocalDate pausedUntil;

  @WorkflowInit
  public CollectionWorkflowImpl(CollectionRequest request) {
    this.request = request;
  }

  @Override
  public CollectionOutcome collect(CollectionRequest ignored) {
    reached("OPENED");
    if (Workflow.getVersion("partner-notices", Workflow.DEFAULT_VERSION, 1) >= 1) {
      Map<String, String> missed = Map.of("installment", String.valueOf(request.installment()),
          "dueDate", request.dueDate().toString(), "amount", request.amountMissed().amount().toPlainString(),
          "currency", request.amountMissed().currency().getCurrencyCode());
      String occurrence = "installment-" + request.installment();
      partner.notifyPartner(new PartnerNotice(request.loanId(), PartnerNotice.REPAYMENT_MISSED, occurrence,
          Workflow.currentTimeMillis(), missed));
      partner.notifyPartner(new PartnerNotice(request.loanId(), PartnerNotice.COLLECTION_INITIATED, occurrence,
          Workflow.currentTimeMillis(), missed));
    }
    String end = ladder();
    reached(end);
    return new CollectionOutcome(request.loanId(), request.installment(), end, stages);
  }

  private String ladder() {
    CollectionLadder days = request.ladderDays();
    if (stage(days.friendly()) || text("collection-friendly")) {
      return closed();
    }
    if (stage(days.warning()) || text("collection-warning")) {
      return closed();
    }
    if (stage(days.finalNotice()) || text("collection-final")) {
      return closed();
    }
    if (stage(days.lateFee())) {
      return closed();
    }
    LoanServicingWorkflow loan = Workflow.newExternalWorkflowStub(LoanServicingWorkflow.class,
        WorkflowIds.loan(request.loanId()));
    loan.lateFee(new LateFee("late-fee:" + request.loanId() + ":" + request.installment(), request.installment(),
        request.lateFeeDue()));
    stages.add("LATE_FEE");
    reached("LATE_FEE");
    if (request.collateralised() && (stage(days.liquidationWarning()) || text("collection-liquidation-warning"))) {
      return closed();
    }
    if (stage(days.handOff())) {
      return closed();
    }
    if (request.collateralised()) {
      cases.requestLiquidation(new LiquidationHandOff(request.loanId(), request.installment()));
      stages.add("LIQUIDATION_REQUESTED");
      return "LIQUIDATION_REQUESTED";
    }
    String ack = cases.handOffToAgency(
        new AgencyPlacement(request.loanId(), request.installment(), request.amountMissed()));
    stages.add("AGENCY:" + ack);
    text("collection-agency");
    return "HANDED_TO_AGENCY";
  }

  /** Waits for day {@code day} (and any promise), true when the case closed meanwhile. */
  private boolean stage(int day) {
    while (true) {
      // Ladder days are the borrower's days: day k starts at local midnight (its text then waits for 8:00).
      long at = request.dayStartsAt(day);
      if (pausedUntil != null) {
        at = Math.max(at, ContactHours.at(pausedUntil.plusDays(1), java.time.LocalTime.MIDNIGHT, request.zoneId()));
      }
      LocalDate pauseSeen = pausedUntil;
      Workflow.await(Duration.ofMillis(Math.max(0, at - Workflow.currentTimeMillis())),
          () -> cured || chargedOff || pausedUntil != pauseSeen);
      if (cured || chargedOff) {
        return true;
      }
      if (pausedUntil == pauseSeen) {
        return false;
      }
    }
  }

  /** Sends a stage's text once quiet hours allow; true when the case closed while waiting. */
  private boolean text(String template) {
    long allowed = ContactHours.nextAllowed(Workflow.currentTimeMillis(), request.zoneId());
    if (allowed > Workflow.currentTimeMillis()) {
      Workflow.await(Duration.ofMillis(allowed - Workflow.currentTimeMillis()), () -> cured || chargedOff);
      if (cured || chargedOff) {
        return true;
      }
    }
    Texts.send(sms, new Sms(template + ":" + request.loanId() + ":" + request.installment(),
        request.applicationId(), template, Map.of("amount", request.amountMissed().toString(),
            "dueDate", request.dueDate().toString(), "at", LocalDates.iso(Workflow.currentTimeMillis()))));
    stages.add(template);
    reached(template);
    return false;
  }

  private String closed() {
    String end = cured ? "CURED" : "CHARGED_OFF";
    stages.add(end);
    return end;
  }

  @Override
  public void cured() {
    cured = true;
  }

  @Override
  public void pause(LocalDate until) {
    if (until != null && (pausedUntil == null || until.isAfter(pausedUntil))) {
      pausedUntil = until;
    }
  }

  @Override
  public void chargedOff() {
    chargedOff = true;
  }

  @Override
  public List<String> stages() {
    return List.copyOf(stages);
  }

  /** The case's read model follows each stage it reaches. */
  private void reached(String stage) {
    cases.recordStage(new StageReached(request.loanId(), request.installment(), stage, Workflow.currentTimeMillis()));
  }
}
