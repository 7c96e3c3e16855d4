package dev.tranche.chain;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Liquidates one loan's collateral on-chain ({@code liquidation-{loanId}}), exactly once: the chain
 * is read first, the transaction's hash is stored before waiting, a revert is decided by re-reading.
 */
@WorkflowInterface
public interface LiquidationWorkflow {

  @WorkflowMethod
  LiquidationOutcome liquidate(LiquidationRequest request);
}
