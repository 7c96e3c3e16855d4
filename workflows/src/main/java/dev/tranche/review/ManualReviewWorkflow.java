package dev.tranche.review;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A manual review of one application (id {@code review-{applicationId}}), child of the application.
 * Underwriters {@code claim}, {@code release} and {@code decide} through updates whose validators
 * reject anything out of turn without changing a thing. Above the four-eyes threshold an approval
 * needs a second, different underwriter. Unclaimed after the claim SLA the priority rises; undecided
 * after the decision SLA the claim is released and only a senior underwriter may take it.
 */
@WorkflowInterface
public interface ManualReviewWorkflow {

  String UNDERWRITER = "UNDERWRITER";
  String SENIOR_UNDERWRITER = "SENIOR_UNDERWRITER";

  @WorkflowMethod
  ReviewOutcome review(ReviewRequest request);

  @UpdateMethod
  ReviewTicket claim(ReviewAction action);

  @UpdateValidatorMethod(updateName = "claim")
  void validateClaim(ReviewAction action);

  @UpdateMethod
  ReviewTicket release(ReviewAction action);

  @UpdateValidatorMethod(updateName = "release")
  void validateRelease(ReviewAction action);

  /** The claimant decides. Above the four-eyes threshold a first approval waits for a second underwriter. */
  @UpdateMethod
  ReviewTicket decide(ReviewDecision decision);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(ReviewDecision decision);

  @QueryMethod
  ReviewTicket ticket();
}
