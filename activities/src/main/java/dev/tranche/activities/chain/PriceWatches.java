package dev.tranche.activities.chain;

import dev.tranche.chain.PriceRound;
import dev.tranche.chain.PriceWatch;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/**
 * Waking a chain's price watcher ({@code price-watch-{chain}}): signal-with-start, so the first round (or the
 * first position) starts it and any later one only signals the running watcher.
 */
public final class PriceWatches {

  private PriceWatches() {
  }

  /** Round {@code round} of the chain's feed was seen (0: a position was opened). */
  public static void wake(WorkflowClient client, String chain, long round) {
    var stub = client.newUntypedWorkflowStub("PriceWatchWorkflow", WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.priceWatch(chain)).setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE).build());
    stub.signalWithStart("newRound", new Object[] {new PriceRound(chain, round)},
        new Object[] {new PriceWatch(chain, 0)});
  }
}
