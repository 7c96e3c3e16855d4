package dev.tranche.review;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A manual review of one application (id {@code review-{applicationId}}), child of the application. */
@WorkflowInterface
public interface ManualReviewWorkflow {

  @WorkflowMethod
  ReviewOutcome review(ReviewRequest request);

  /** An underwriter decides. Rejected when already decided, or without a verdict or reason. */
  @UpdateMethod
  ReviewOutcome decide(ReviewDecision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(ReviewDecision decision);

  @QueryMethod
  ReviewTicket ticket();
}
