package dev.tranche.servicing;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.LocalDate;

/**
 * One loan's repayment schedule (id {@code loan-{loanId}}), for the life of the loan; continues as
 * new at each installment boundary. Reminders 3 and 1 days before each due date, interest accrual and
 * an autopay debit on it, payments from outside, missed installments handed to collection cases, a
 * charge-off at 120 days past due; payoff quotes, hardship reschedules and promises to pay.
 */
@WorkflowInterface
public interface LoanServicingWorkflow {

  @WorkflowMethod
  void service(ServicingState state);

  @SignalMethod
  void paymentReceived(PaymentReceived payment);

  /** A collection case assessed its late fee. */
  @SignalMethod
  void lateFee(LateFee fee);

  @QueryMethod
  LoanBalance balance();

  @QueryMethod
  LoanStatement statement();

  /** What closes the loan if paid on {@code validOn} (today up to 30 days ahead). */
  @UpdateMethod
  PayoffQuote payoffQuote(LocalDate validOn);

  @UpdateValidatorMethod(updateName = "payoffQuote")
  void validatePayoffQuote(LocalDate validOn);

  /** A hardship reschedule approved by ops: a new schedule version, the old one kept. */
  @UpdateMethod
  LoanStatement reschedule(RescheduleRequest request);

  @UpdateValidatorMethod(updateName = "reschedule")
  void validateReschedule(RescheduleRequest request);

  /** The borrower promises to pay by {@code date}: collection stages wait until then. */
  @UpdateMethod
  LoanStatement promiseToPay(LocalDate date);

  @UpdateValidatorMethod(updateName = "promiseToPay")
  void validatePromiseToPay(LocalDate date);
}
