package dev.tranche.disbursement;

import io.temporal.activity.ActivityInterface;

/**
 * The lender's loan API. Business refusals fail non-retryably with {@code LENDER_REJECTED};
 * transport faults are retried.
 */
@ActivityInterface
public interface LenderActivities {

  /** Creates the loan at the lender; idempotent by the command's key. */
  LenderLoan createLoan(LenderCommand command);

  /** Asks the lender to pay out; idempotent by the command's key. */
  LenderLoan requestDisbursement(LenderCommand command);

  /** Reads the lender's current status of the loan. */
  LenderLoan fetchStatus(LenderCommand command);

  /** Cancels the loan at the lender (compensation); cancelling twice is fine. */
  void cancelLoan(LenderCommand command);
}
