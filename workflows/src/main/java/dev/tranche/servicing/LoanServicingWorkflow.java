package dev.tranche.servicing;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One loan's repayment schedule (id {@code loan-{loanId}}), for the life of the loan; continues as
 * new at each installment boundary. Payments, reminders and autopay arrive with the servicing issue;
 * today it waits for each due date and keeps every payment signal it receives.
 */
@WorkflowInterface
public interface LoanServicingWorkflow {

  @WorkflowMethod
  void service(ServicingState state);

  @SignalMethod
  void paymentReceived(PaymentReceived payment);

  @QueryMethod
  LoanBalance balance();
}
