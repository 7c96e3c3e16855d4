package dev.tranche.chain;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.math.BigInteger;

/**
 * Watches a collateralised loan ({@code collateral-{loanId}}): reads the position on a timer (every interval while
 * it changes; unchanged, at doubling intervals up to 6 h, so a quiet position costs a few reads a day and a moved
 * dev clock fires few timers), and at once when the chain's price watcher finds it below a health factor of 1.1
 * ({@link #wake}); texts a margin call below 1.1, records an alert for an unusable price (and does not
 * liquidate on it), and ends once the position is released or liquidated. Below 1.0 the chain's
 * {@link PriceWatchWorkflow} starts {@code LiquidationWorkflow} (runs from before it existed start it themselves).
 */
@WorkflowInterface
public interface CollateralMonitorWorkflow {

  /** Below this health factor (1e18 = 1.0) the borrower is texted a margin call. */
  BigInteger MARGIN_CALL_WAD = new BigInteger("1100000000000000000");

  @WorkflowMethod
  LiquidationOutcome watch(MonitorRequest request);

  /** Read the position now: a price round put it below a health factor of 1.1. */
  @SignalMethod
  void wake();
}
