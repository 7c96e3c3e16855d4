package dev.tranche.chain;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The daily check of a chain's pool, id {@code pool-reconciliation-{chain}-{date}}: the liquidity providers'
 * deposits and withdrawals since the last check booked from the contract's events, then the pool's ledger
 * against {@code totalAssets()}; a difference is an alert for ops.
 */
@WorkflowInterface
public interface PoolReconciliationWorkflow {

  @WorkflowMethod
  PoolReconciliation reconcile(String chain);
}
