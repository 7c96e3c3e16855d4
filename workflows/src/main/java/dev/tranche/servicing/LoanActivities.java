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

  /** Starts the loan's servicing workflow ({@code loan-{loanId}}); a loan already serviced is left alone. */
  void startServicing(ServicingState state);
}
