package dev.tranche.chain;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches a collateralised loan ({@code collateral-{loanId}}): reads the position on a timer, texts a
 * margin call below a health factor of 1.1, records an alert for an unusable price (and does not
 * liquidate on it), and ends once the position is released or liquidated. Below 1.0 the chain's
 * {@link PriceWatchWorkflow} starts {@code LiquidationWorkflow} (runs from before it existed start it themselves).
 */
@WorkflowInterface
public interface CollateralMonitorWorkflow {

  @WorkflowMethod
  LiquidationOutcome watch(MonitorRequest request);
}
