package dev.tranche.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class FloorWorkflowImpl implements FloorWorkflow {

  /** As many activities as an application's path to its decision schedules (verification, quotes, status). */
  static final int STEPS = 6;

  private final FloorActivities noop = Workflow.newActivityStub(FloorActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  @Override
  public void run() {
    for (int n = 0; n < STEPS; n++) {
      noop.step(n);
    }
  }
}
