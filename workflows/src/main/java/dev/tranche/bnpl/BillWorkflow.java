package dev.tranche.bnpl;

import dev.tranche.servicing.PaymentReceived;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One BNPL bill, id {@code bill-{billId}}, from the merchant's checkout session to paid: waits for the
 * shopper (or expires the session), authorises and captures, starts the merchant's settlement batch,
 * then services the bill: due in full after the grace period, late interest daily after it, the
 * collection ladder, the agency at day 30. Refunds and payments arrive at any time.
 */
@WorkflowInterface
public interface BillWorkflow {

  @WorkflowMethod
  BillView run(BillRequest request);

  /** The signed-in shopper confirms the checkout: answers once the bill is captured or declined. */
  @UpdateMethod
  BillView confirm(String shopper);

  @UpdateValidatorMethod(updateName = "confirm")
  void validateConfirm(String shopper);

  /** As {@link #confirm}, for a bill secured by LP tokens: the pledge comes from {@code walletAddress}. */
  @UpdateMethod
  BillView confirmWithCollateral(CollateralPledge pledge);

  @UpdateValidatorMethod(updateName = "confirmWithCollateral")
  void validateConfirmWithCollateral(CollateralPledge pledge);

  /** The pledged LP tokens are deposited and locked against the bill. */
  @SignalMethod
  void collateralSecured();

  /** The pledge did not arrive (or fell short): the bill is not captured. */
  @SignalMethod
  void collateralFailed(String reason);

  /** The merchant refunds part or all of the bill; a repeat of a refund id answers as the first did. */
  @UpdateMethod
  BillView refund(Refund refund);

  @UpdateValidatorMethod(updateName = "refund")
  void validateRefund(Refund refund);

  /** A payment matched to the bill by its reference; de-duplicated by the payment's reference. */
  @SignalMethod
  void paymentReceived(PaymentReceived payment);

  @QueryMethod
  BillView view();
}
