package dev.tranche.api.pool;

import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.support.BusinessClock;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.chain.PoolReconciliationWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The daily reconciliation of every chain's pool (the dev server has no Schedules API; compose's Temporal
 * has a Schedule too). Every replica may fire: the id per chain and date makes one run.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tranche.collections.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class PoolScheduler {

  private static final Logger log = LoggerFactory.getLogger(PoolScheduler.class);

  private final ChainProperties chains;
  private final PoolDesk pools;
  private final WorkflowClient temporal;
  private final BusinessClock clock;

  PoolScheduler(ChainProperties chains, PoolDesk pools, WorkflowClient temporal, BusinessClock clock) {
    this.chains = chains;
    this.pools = pools;
    this.temporal = temporal;
    this.clock = clock;
  }

  @Scheduled(cron = "${tranche.pool.reconcile-cron:0 30 1 * * *}", zone = "UTC")
  void daily() {
    if (chains.chains() == null) {
      return;
    }
    LocalDate today = clock.today();
    chains.chains().keySet().stream().filter(pools::hasPool).forEach(chain -> {
      PoolReconciliationWorkflow run = temporal.newWorkflowStub(PoolReconciliationWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.poolReconciliation(chain, today))
              .setTaskQueue(TaskQueues.CHAIN)
              .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
      try {
        WorkflowClient.start(run::reconcile, chain);
        log.info("pool reconciliation of {} for {} started", chain, today);
      } catch (WorkflowExecutionAlreadyStarted done) {
        // Another replica started today's.
      }
    });
  }
}
