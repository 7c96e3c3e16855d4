package dev.tranche.chain;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class PriceWatchWorkflowImpl implements PriceWatchWorkflow {

  /** Sweeps per run before continuing as new, so the history stays small. */
  static final int SWEEPS_PER_RUN = 200;

  /** A sweep reads many positions in pages: it may take longer than one read. */
  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class,
      ActivityOptions.newBuilder(ChainOptions.calls()).setStartToCloseTimeout(Duration.ofMinutes(2)).build());

  private long newest;
  /** A position was opened: sweep now, whatever the round. */
  private boolean opened;
  private PositionSweep last;

  @Override
  public void watch(PriceWatch request) {
    long swept = request.sweptRound();
    newest = Math.max(newest, swept);
    for (int i = 0; i < SWEEPS_PER_RUN; i++) {
      long seen = swept;
      // No timer: a position's health moves with the price (a new round) or with its debt, which the vault only
      // prices at a fresh round anyway (a price older than its heartbeat is refused), and a moved clock fires
      // nothing here.
      Workflow.await(() -> newest > seen || opened);
      swept = newest;
      opened = false;
      last = chain.sweepPositions(new PriceRound(request.chain(), swept));
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(new PriceWatch(request.chain(), swept));
  }

  @Override
  public void newRound(PriceRound round) {
    if (round.round() == 0) {
      opened = true;
    } else {
      newest = Math.max(newest, round.round());
    }
  }

  @Override
  public PositionSweep lastSweep() {
    return last;
  }
}
