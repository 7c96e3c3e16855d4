package dev.tranche.servicing;

import io.temporal.activity.ActivityInterface;

/** The loan book. */
@ActivityInterface
public interface LoanActivities {

  /**
   * Books a funded loan: the loan row, its installments, and the balanced disbursement posting,
   * all in one transaction. Idempotent by loan id: a repeat changes nothing.
   */
  void bookFundedLoan(FundedLoan loan);
}
