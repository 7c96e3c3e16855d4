package dev.tranche.chain;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** One reconciliation, retried through node outages. */
public class PoolReconciliationWorkflowImpl implements PoolReconciliationWorkflow {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(60))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(5)).build()).build());

  @Override
  public PoolReconciliation reconcile(String chainName) {
    return chain.reconcilePool(chainName);
  }
}
