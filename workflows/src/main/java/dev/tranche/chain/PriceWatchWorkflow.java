package dev.tranche.chain;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches one chain's vault ({@code price-watch-{chain}}): each new price round (signalled by the feed listener)
 * wakes it for one batched sweep of every open position, which starts the liquidation of each one below 1.0; a
 * position opened wakes it too. Per-loan monitors only text margin calls.
 */
@WorkflowInterface
public interface PriceWatchWorkflow {

  @WorkflowMethod
  void watch(PriceWatch request);

  /** The feed moved (a repeat or an older round is ignored); round 0: a position was opened, sweep now. */
  @SignalMethod
  void newRound(PriceRound round);

  /** The last sweep's result, or null before the first. */
  @QueryMethod
  PositionSweep lastSweep();
}
