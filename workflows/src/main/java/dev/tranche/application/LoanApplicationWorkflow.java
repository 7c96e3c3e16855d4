package dev.tranche.application;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One loan application, from submission to a funded loan (id {@code application-{applicationId}}). */
@WorkflowInterface
public interface LoanApplicationWorkflow {

  @WorkflowMethod
  ApplicationOutcome run(ApplicationInput input);

  @QueryMethod
  ApplicationView status();

  /** Accept and e-sign one offer. Rejected (nothing changes) for an unknown, foreign or expired offer. */
  @UpdateMethod
  AcceptanceResult acceptOffer(AcceptOfferRequest request);

  @UpdateValidatorMethod(updateName = "acceptOffer")
  void validateAcceptOffer(AcceptOfferRequest request);

  /**
   * Waits at most {@code seconds} (1 to 30) for the decision to be on record (offered, in review, declined or any
   * later status) and returns the status recorded then: a borrower's {@code Prefer: wait=N} submission, answered
   * by the workflow itself instead of by polling.
   */
  @UpdateMethod
  ApplicationStatus awaitDecision(int seconds);

  @UpdateValidatorMethod(updateName = "awaitDecision")
  void validateAwaitDecision(int seconds);

  /**
   * A partner-invited borrower completed the application through the link; the identity is
   * already in the store, so the signal carries nothing.
   */
  @SignalMethod
  void borrowerSubmitted();

  /** Ops: try the step that parked the application in {@code NEEDS_ATTENTION} again. */
  @SignalMethod
  void resume();
}
