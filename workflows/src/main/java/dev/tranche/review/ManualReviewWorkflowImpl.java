package dev.tranche.review;

import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/**
 * The review's clock and its queue ticket; the rules are {@link ReviewCase}'s. Open, wait for the claim
 * SLA (raise the priority if nobody claimed it), wait for the decision SLA (escalate to a senior
 * underwriter), wait for the end of the window (expire). Every change is published to the queue.
 */
public class ManualReviewWorkflowImpl implements ManualReviewWorkflow {

  private final ReviewActivities queue = Workflow.newActivityStub(ReviewActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private final ReviewRequest request;
  private final ReviewCase review;
  private int revision;

  @WorkflowInit
  public ManualReviewWorkflowImpl(ReviewRequest request) {
    this.request = request;
    this.review = new ReviewCase(request);
  }

  /** A review whose application was cancelled closes as expired on the queue, then ends cancelled. */
  @Override
  public ReviewOutcome review(ReviewRequest ignored) {
    try {
      return reviewUntilDecided();
    } catch (RuntimeException e) {
      if (!CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      Workflow.newDetachedCancellationScope(() -> {
        publish(review.expire(Workflow.currentTimeMillis()), "system:cancelled");
        track("CANCELLED");
      }).run();
      throw e;
    }
  }

  private ReviewOutcome reviewUntilDecided() {
    long openedAt = Workflow.currentTimeMillis();
    long closesAt = openedAt + request.reviewWindowSeconds() * 1000;
    publish("OPENED", "system:review");
    track("OPEN");
    awaitDecisionUntil(Math.min(openedAt + request.claimSla() * 1000, closesAt));
    if (review.untouched()) {
      publish(review.claimSlaMissed(), "system:sla");
    }
    awaitDecisionUntil(Math.min(openedAt + request.decisionSla() * 1000, closesAt));
    if (!review.decided() && Workflow.currentTimeMillis() < closesAt) {
      publish(review.escalate(), "system:sla");
    }
    if (!awaitDecisionUntil(closesAt)) {
      publish(review.expire(Workflow.currentTimeMillis()), "system:sla");
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    track(review.outcome().verdict().name());
    return review.outcome();
  }

  private boolean awaitDecisionUntil(long deadline) {
    return Workflow.await(Duration.ofMillis(Math.max(0, deadline - Workflow.currentTimeMillis())), review::decided);
  }

  private void track(String status) {
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "ManualReviewWorkflow",
        request.applicationId(), status));
  }

  private void publish(String event, String actor) {
    revision++;
    queue.upsertTicket(review.ticket(Workflow.currentTimeMillis(), revision, event, actor));
  }

  @Override
  public void validateClaim(ReviewAction action) {
    review.validateClaim(action);
  }

  @Override
  public ReviewTicket claim(ReviewAction action) {
    String event = review.claim(action);
    if (event != null) {
      publish(event, action.underwriter());
    }
    return ticket();
  }

  @Override
  public void validateRelease(ReviewAction action) {
    review.validateRelease(action);
  }

  @Override
  public ReviewTicket release(ReviewAction action) {
    publish(review.release(), action.underwriter());
    return ticket();
  }

  @Override
  public void validateDecide(ReviewDecision decision) {
    review.validateDecide(decision);
  }

  @Override
  public ReviewTicket decide(ReviewDecision decision) {
    publish(review.decide(decision, Workflow.currentTimeMillis()), decision.underwriter());
    return ticket();
  }

  @Override
  public ReviewTicket ticket() {
    return review.ticket(Workflow.currentTimeMillis(), revision, null, null);
  }
}
