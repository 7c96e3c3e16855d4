package dev.tranche.review;

import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import dev.tranche.decision.ReasonCatalog;
import dev.tranche.money.Money;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

public class ManualReviewWorkflowImpl implements ManualReviewWorkflow {

  private static final Pattern CODE = Pattern.compile("^[A-Z_]{2,40}$");
  private static final int NORMAL = 0;
  private static final int HIGH = 1;
  private static final int ESCALATED = 2;

  private final ReviewActivities queue = Workflow.newActivityStub(ReviewActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private final ReviewRequest request;
  private ReviewOutcome outcome;
  /**
   * Reviews started before version 1 ("review-depth") had a single {@code decide} update and no
   * claims, SLAs or four eyes; they replay that path.
   */
  private boolean legacy;
  private String claimant;
  private int priority = NORMAL;
  private String requiredRole = UNDERWRITER;
  private boolean escalated;
  private ReviewDecision firstApproval;
  private int revision;

  @WorkflowInit
  public ManualReviewWorkflowImpl(ReviewRequest request) {
    this.request = request;
  }

  @Override
  public ReviewOutcome review(ReviewRequest ignored) {
    legacy = Workflow.getVersion("review-depth", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
    if (legacy) {
      return legacyReview();
    }
    long openedAt = Workflow.currentTimeMillis();
    long window = request.reviewWindowSeconds() * 1000;
    publish("OPENED", "system:review");
    track("OPEN");
    Workflow.await(Duration.ofMillis(Math.min(request.claimSla() * 1000, window)), () -> outcome != null);
    if (outcome == null && claimant == null && firstApproval == null) {
      priority = HIGH;
      publish("PRIORITY_RAISED", "system:sla");
    }
    long decisionDeadline = Math.min(openedAt + request.decisionSla() * 1000, openedAt + window);
    Workflow.await(Duration.ofMillis(Math.max(0, decisionDeadline - Workflow.currentTimeMillis())),
        () -> outcome != null);
    if (outcome == null && Workflow.currentTimeMillis() < openedAt + window) {
      escalated = true;
      priority = ESCALATED;
      requiredRole = SENIOR_UNDERWRITER;
      claimant = null;
      publish("ESCALATED", "system:sla");
    }
    boolean decided = Workflow.await(Duration.ofMillis(Math.max(0, openedAt + window - Workflow.currentTimeMillis())),
        () -> outcome != null);
    if (!decided) {
      outcome = new ReviewOutcome(request.applicationId(), Verdict.EXPIRED, null, List.of("REVIEW_EXPIRED"),
          null, Workflow.currentTimeMillis());
      claimant = null;
      publish("EXPIRED", "system:sla");
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    track(outcome.verdict().name());
    return outcome;
  }

  private ReviewOutcome legacyReview() {
    queue.upsertTicket(ticket());
    track("OPEN");
    boolean decided = Workflow.await(Duration.ofSeconds(request.reviewWindowSeconds()), () -> outcome != null);
    if (!decided) {
      outcome = new ReviewOutcome(request.applicationId(), Verdict.EXPIRED, null, List.of("REVIEW_EXPIRED"),
          null, Workflow.currentTimeMillis());
      queue.upsertTicket(ticket());
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    track(outcome.verdict().name());
    return outcome;
  }

  private void track(String status) {
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "ManualReviewWorkflow",
        request.applicationId(), status));
  }

  private void publish(String event, String actor) {
    revision++;
    queue.upsertTicket(snapshot(event, actor));
  }

  // --- claim / release ---

  @Override
  public void validateClaim(ReviewAction action) {
    requireOpen();
    String who = requireUnderwriter(action == null ? null : action.underwriter(), action == null ? null : action.roles());
    if (claimant != null && !claimant.equals(who)) {
      throw new IllegalStateException("already claimed by " + claimant);
    }
    if (firstApproval != null && firstApproval.underwriter().equals(who)) {
      throw new IllegalStateException("the second approval must come from a different underwriter than "
          + firstApproval.underwriter());
    }
  }

  @Override
  public ReviewTicket claim(ReviewAction action) {
    if (action.underwriter().equals(claimant)) {
      return ticket();
    }
    claimant = action.underwriter();
    publish("CLAIMED", claimant);
    return ticket();
  }

  @Override
  public void validateRelease(ReviewAction action) {
    requireOpen();
    if (action == null || claimant == null || !claimant.equals(action.underwriter())) {
      throw new IllegalStateException(claimant == null ? "the review is not claimed"
          : "only the claimant (" + claimant + ") may release it");
    }
  }

  @Override
  public ReviewTicket release(ReviewAction action) {
    claimant = null;
    publish("RELEASED", action.underwriter());
    return ticket();
  }

  // --- decide ---

  @Override
  public void validateDecide(ReviewDecision decision) {
    if (legacy) {
      legacyValidateDecide(decision);
      return;
    }
    requireOpen();
    if (decision == null || decision.verdict() == null || decision.verdict() == Verdict.EXPIRED) {
      throw new IllegalArgumentException("verdict must be APPROVE, DECLINE or COUNTER_OFFER");
    }
    String who = requireUnderwriter(decision.underwriter(), decision.roles());
    if (claimant == null) {
      throw new IllegalStateException("claim the review before deciding it");
    }
    if (!claimant.equals(who)) {
      throw new IllegalStateException("only the claimant (" + claimant + ") may decide");
    }
    if (decision.reasonCodes().isEmpty()) {
      throw new IllegalArgumentException("at least one reason code is required");
    }
    for (String code : decision.reasonCodes()) {
      if (code == null || !CODE.matcher(code).matches()) {
        throw new IllegalArgumentException("reason codes are upper-case words, e.g. VERIFIED_INCOME");
      }
      if (decision.verdict() == Verdict.DECLINE && !ReasonCatalog.known(code)) {
        throw new IllegalArgumentException("a decline must use the adverse action reasons; unknown: " + code);
      }
    }
    if (firstApproval != null && decision.verdict() == Verdict.COUNTER_OFFER) {
      throw new IllegalArgumentException("the second underwriter approves or declines the first approval");
    }
    if (decision.verdict() == Verdict.COUNTER_OFFER) {
      approvedAmount(decision);
    }
  }

  @Override
  public ReviewTicket decide(ReviewDecision decision) {
    if (legacy) {
      outcome = new ReviewOutcome(request.applicationId(), decision.verdict(), decision.underwriter(),
          decision.reasonCodes(), decision.notes(), Workflow.currentTimeMillis());
      queue.upsertTicket(ticket());
      return ticket();
    }
    long now = Workflow.currentTimeMillis();
    if (firstApproval != null) {
      if (decision.verdict() == Verdict.APPROVE) {
        outcome = approval(firstApproval, now, decision.underwriter());
        publish("SECOND_APPROVAL", decision.underwriter());
      } else {
        outcome = new ReviewOutcome(request.applicationId(), Verdict.DECLINE, decision.underwriter(),
            decision.reasonCodes(), decision.notes(), now);
        publish("DECLINED", decision.underwriter());
      }
      return ticket();
    }
    if (decision.verdict() == Verdict.DECLINE) {
      outcome = new ReviewOutcome(request.applicationId(), Verdict.DECLINE, decision.underwriter(),
          decision.reasonCodes(), decision.notes(), now);
      publish("DECLINED", decision.underwriter());
      return ticket();
    }
    if (approvedAmount(decision).amount().compareTo(request.fourEyesAbove()) > 0) {
      firstApproval = decision;
      claimant = null;
      publish("FIRST_APPROVAL", decision.underwriter());
      return ticket();
    }
    outcome = approval(decision, now, null);
    publish(decision.verdict() == Verdict.COUNTER_OFFER ? "COUNTER_OFFERED" : "APPROVED", decision.underwriter());
    return ticket();
  }

  private ReviewOutcome approval(ReviewDecision decision, long now, String secondApprover) {
    List<String> conditions = new ArrayList<>();
    if (decision.verdict() == Verdict.COUNTER_OFFER) {
      if (decision.counterAmount() != null) {
        conditions.add("AMOUNT_REDUCED " + decision.counterAmount());
      }
      if (decision.downPayment() != null) {
        conditions.add("DOWN_PAYMENT " + decision.downPayment());
      }
    }
    return new ReviewOutcome(request.applicationId(), decision.verdict(), decision.underwriter(),
        decision.reasonCodes(), decision.notes(), now, approvedAmount(decision), conditions, secondApprover);
  }

  /** The amount to price: the counter amount (or the request) less any down payment. */
  private Money approvedAmount(ReviewDecision decision) {
    Money requested = request.requestedAmount();
    if (decision.verdict() != Verdict.COUNTER_OFFER) {
      return requested;
    }
    if (decision.counterAmount() == null && decision.downPayment() == null) {
      throw new IllegalArgumentException("a counter-offer needs a counterAmount, a downPayment or both");
    }
    Money base = requested;
    if (decision.counterAmount() != null) {
      requireSameCurrency(decision.counterAmount());
      if (!decision.counterAmount().positive() || decision.counterAmount().compareTo(requested) >= 0) {
        throw new IllegalArgumentException("counterAmount must be positive and below the requested " + requested);
      }
      base = decision.counterAmount();
    }
    if (decision.downPayment() != null) {
      requireSameCurrency(decision.downPayment());
      if (!decision.downPayment().positive() || decision.downPayment().compareTo(base) >= 0) {
        throw new IllegalArgumentException("downPayment must be positive and below " + base);
      }
      base = base.minus(decision.downPayment());
    }
    return base;
  }

  private void requireSameCurrency(Money money) {
    if (!money.currency().equals(request.requestedAmount().currency())) {
      throw new IllegalArgumentException("amounts must be in " + request.requestedAmount().currency());
    }
  }

  private void requireOpen() {
    if (outcome != null) {
      throw new IllegalStateException("already decided: " + outcome.verdict());
    }
  }

  private String requireUnderwriter(String underwriter, List<String> roles) {
    if (underwriter == null || underwriter.isBlank()) {
      throw new IllegalArgumentException("underwriter is required");
    }
    List<String> held = roles == null ? List.of() : roles;
    if (!held.contains(SENIOR_UNDERWRITER) && !held.contains(requiredRole)) {
      throw new IllegalStateException("this review needs the " + requiredRole + " role");
    }
    refuseApplicant(underwriter);
    return underwriter;
  }

  /** Nobody reviews their own application, whatever roles they hold. */
  private void refuseApplicant(String underwriter) {
    if (underwriter.equals(request.applicantId())) {
      throw new IllegalStateException("an underwriter may not claim or decide the review of their own application");
    }
  }

  private void legacyValidateDecide(ReviewDecision decision) {
    if (outcome != null) {
      throw new IllegalStateException("already decided: " + outcome.verdict());
    }
    if (decision == null || decision.verdict() == null || decision.verdict() == Verdict.EXPIRED) {
      throw new IllegalArgumentException("verdict must be APPROVE or DECLINE");
    }
    if (decision.underwriter() == null || decision.underwriter().isBlank()) {
      throw new IllegalArgumentException("underwriter is required");
    }
    refuseApplicant(decision.underwriter());
    if (decision.verdict() == Verdict.DECLINE && decision.reasonCodes().isEmpty()) {
      throw new IllegalArgumentException("a decline needs at least one reason code");
    }
  }

  @Override
  public ReviewTicket ticket() {
    if (legacy) {
      String status = outcome == null ? "OPEN" : "DECIDED";
      return new ReviewTicket(request.applicationId(), status, request.reasonCodes(), request.score(),
          request.requestedAmount(), outcome == null ? null : outcome.underwriter(),
          outcome == null ? null : outcome.verdict().name(),
          outcome == null ? Workflow.currentTimeMillis() : outcome.decidedAtMillis());
    }
    return snapshot(null, null);
  }

  private ReviewTicket snapshot(String event, String actor) {
    String status = outcome != null ? (outcome.verdict() == Verdict.EXPIRED ? "EXPIRED" : "DECIDED")
        : firstApproval != null ? "AWAITING_SECOND_APPROVAL" : claimant != null ? "CLAIMED" : "OPEN";
    String decidedBy = outcome == null ? null
        : outcome.secondApprover() != null ? outcome.underwriter() + "," + outcome.secondApprover()
        : outcome.underwriter();
    return new ReviewTicket(request.applicationId(), status, request.reasonCodes(), request.score(),
        request.requestedAmount(), decidedBy, outcome == null ? null : outcome.verdict().name(),
        Workflow.currentTimeMillis(), priority, claimant, requiredRole,
        firstApproval == null ? null : firstApproval.underwriter(), escalated, revision, event, actor);
  }
}
