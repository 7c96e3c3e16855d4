package dev.tranche.activities.chain;

import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.LiquidationWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/**
 * Starting {@code liquidation-{loanId}}, for every trigger (the monitor, collections on day 30, ops).
 * The workflow id is the business key: while a run is going, another trigger starts nothing; a run
 * started after one finished reads the chain first, so a liquidated position is only booked, once.
 */
public final class Liquidations {

  private Liquidations() {
  }

  /** True when this call started the run, false when one was already going. */
  public static boolean start(WorkflowClient client, LiquidationRequest request) {
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.liquidation(request.loanId()))
        .setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
    try {
      WorkflowClient.start(client.newWorkflowStub(LiquidationWorkflow.class, options)::liquidate, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }
}
