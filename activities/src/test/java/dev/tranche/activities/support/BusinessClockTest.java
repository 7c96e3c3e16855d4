package dev.tranche.activities.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An activity's business time is the server's, which a time-skipping server (the embedded run's) moves. */
class BusinessClockTest {

  @ActivityInterface
  public interface Stamp {
    long stamp();
  }

  @WorkflowInterface
  public interface StampLater {
    @WorkflowMethod
    long stampInTenDays();
  }

  public static class StampLaterImpl implements StampLater {
    @Override
    public long stampInTenDays() {
      Workflow.sleep(Duration.ofDays(10));
      return Workflow.newActivityStub(Stamp.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10)).build()).stamp();
    }
  }

  @Test
  void inside_an_activity_it_is_the_servers_time_and_elsewhere_the_machines() {
    Instant before = Instant.now();
    assertThat(BusinessClock.ofActivity()).isBetween(before, Instant.now());
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("stamp");
      worker.registerWorkflowImplementationTypes(StampLaterImpl.class);
      worker.registerActivitiesImplementations((Stamp) () -> BusinessClock.ofActivity().toEpochMilli());
      env.start();
      long stamped = env.getWorkflowClient().newWorkflowStub(StampLater.class,
          WorkflowOptions.newBuilder().setTaskQueue("stamp").build()).stampInTenDays();
      assertThat(Instant.ofEpochMilli(stamped)).isAfter(before.plus(Duration.ofDays(10)))
          .isBefore(Instant.now().plus(Duration.ofDays(11)));
    }
  }
}
