package dev.tranche.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The monitor's margin calls across its runs: a run continues as new after 500 reads. */
class CollateralMonitorWorkflowTest {

  private static final String IN_DIP = "1050000000000000000";
  private static final String HEALTHY = "1200000000000000000";

  private final ChainActivities chain = mock(ChainActivities.class, withSettings().withoutAnnotations());
  private final NotificationActivities sms = mock(NotificationActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;

  @BeforeEach
  void environment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CHAIN);
    worker.registerWorkflowImplementationTypes(CollateralMonitorWorkflowImpl.class);
    worker.registerActivitiesImplementations(chain, sms);
    env.start();
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void margin_calls_carry_over_a_continued_run_none_lost_none_sent_twice() {
    String loanId = "8f1e4c1a-0000-4000-8000-000000000001";
    AtomicInteger reads = new AtomicInteger();
    // Each run reads 500 times. A dip at reads 1-5; healthy when the first run continues (read 500); a second dip
    // at 501-505, which must get a text of its own (with the count restarted it took the first one's key, and the
    // sender's idempotency dropped it); healthy until a third dip at 991-1005 that outlasts the second run (read
    // 1,000): texted once, not again by the next run; then the position is liquidated and the monitor ends.
    when(chain.readPosition(any())).thenAnswer(call -> {
      int read = reads.incrementAndGet();
      if (read > 1005) {
        return new OnChainPosition(loanId, VaultStatus.LIQUIDATED, "0", "0", null, null);
      }
      boolean dip = read <= 5 || (read > 500 && read <= 505) || read > 990;
      return new OnChainPosition(loanId, VaultStatus.LOCKED, "1", "1", dip ? IN_DIP : HEALTHY, null);
    });
    CollateralMonitorWorkflow monitor = env.getWorkflowClient().newWorkflowStub(CollateralMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.collateralMonitor(loanId))
            .setTaskQueue(TaskQueues.CHAIN).build());
    WorkflowClient.start(monitor::watch, new MonitorRequest(loanId, "app-1", "local", 60));

    LiquidationOutcome outcome = env.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.collateralMonitor(loanId))
        .getResult(LiquidationOutcome.class);

    assertThat(outcome.outcome()).isEqualTo("LIQUIDATED");
    assertThat(reads.get()).isEqualTo(1006);
    ArgumentCaptor<Sms> texts = ArgumentCaptor.forClass(Sms.class);
    verify(sms, atLeastOnce()).sendSms(texts.capture());
    assertThat(texts.getAllValues()).extracting(Sms::idempotencyKey).containsExactly("margin-call:" + loanId + ":1",
        "margin-call:" + loanId + ":2", "margin-call:" + loanId + ":3");
  }
}
