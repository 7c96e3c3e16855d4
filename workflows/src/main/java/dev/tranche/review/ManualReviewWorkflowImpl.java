package dev.tranche.review;

import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;

public class ManualReviewWorkflowImpl implements ManualReviewWorkflow {

  private final ReviewActivities queue = Workflow.newActivityStub(ReviewActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private final ReviewRequest request;
  private ReviewOutcome outcome;

  @WorkflowInit
  public ManualReviewWorkflowImpl(ReviewRequest request) {
    this.request = request;
  }

  @Override
  public ReviewOutcome review(ReviewRequest ignored) {
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

  @Override
  public void validateDecide(ReviewDecision decision) {
    if (outcome != null) {
      throw new IllegalStateException("already decided: " + outcome.verdict());
    }
    if (decision == null || decision.verdict() == null || decision.verdict() == Verdict.EXPIRED) {
      throw new IllegalArgumentException("verdict must be APPROVE or DECLINE");
    }
    if (decision.underwriter() == null || decision.underwriter().isBlank()) {
      throw new IllegalArgumentException("underwriter is required");
    }
    if (decision.verdict() == Verdict.DECLINE && decision.reasonCodes().isEmpty()) {
      throw new IllegalArgumentException("a decline needs at least one reason code");
    }
  }

  @Override
  public ReviewOutcome decide(ReviewDecision decision) {
    ReviewOutcome decided = new ReviewOutcome(request.applicationId(), decision.verdict(), decision.underwriter(),
        decision.reasonCodes(), decision.notes(), Workflow.currentTimeMillis());
    outcome = decided;
    queue.upsertTicket(ticket());
    return decided;
  }

  @Override
  public ReviewTicket ticket() {
    String status = outcome == null ? "OPEN" : "DECIDED";
    return new ReviewTicket(request.applicationId(), status, request.reasonCodes(), request.score(),
        request.requestedAmount(), outcome == null ? null : outcome.underwriter(),
        outcome == null ? null : outcome.verdict().name(),
        outcome == null ? Workflow.currentTimeMillis() : outcome.decidedAtMillis());
  }
}
