package dev.tranche.bnpl;

import dev.tranche.chain.PledgeRequest;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A bill's LP-token collateral, id {@code bill-collateral-{billId}}, on the chain queue: prices the pledge (111 %
 * at the share price), registers the shopper's wallet as the position's only depositor, waits for the deposit,
 * locks it against the bill and tells the bill; then watches the position hourly and liquidates below a health
 * factor of 1.0 (the proceeds paid into the bill), or releases it when the bill says it is paid.
 */
@WorkflowInterface
public interface BillCollateralWorkflow {

  @WorkflowMethod
  String secure(PledgeRequest request);

  /** The bill is paid (or refunded to nothing): the collateral goes back to the shopper. */
  @SignalMethod
  void release();

  /** Where the collateral stands: REQUESTED, LOCKED, RELEASED, LIQUIDATED, SHORT, EXPIRED. */
  @QueryMethod
  String stage();
}
