package dev.tranche.chain;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches a collateralised loan ({@code collateral-{loanId}}): reads the position on a timer, texts a
 * margin call below a health factor of 1.1, records an alert for an unusable price (and does not
 * liquidate on it), and below 1.0 runs {@code LiquidationWorkflow} and ends with its outcome.
 */
@WorkflowInterface
public interface CollateralMonitorWorkflow {

  @WorkflowMethod
  LiquidationOutcome watch(MonitorRequest request);
}
