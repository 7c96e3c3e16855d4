package dev.tranche.disbursement;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Funds one loan at its lender (id {@code disbursement-{loanId}}), compensating on failure. */
@WorkflowInterface
public interface DisbursementWorkflow {

  @WorkflowMethod
  DisbursementResult disburse(DisbursementRequest request);

  /** The lender's signed {@code loan.funded} webhook, verified by the API. */
  @SignalMethod
  void fundingConfirmed(FundingConfirmation confirmation);

  @QueryMethod
  DisbursementStatus stage();
}
