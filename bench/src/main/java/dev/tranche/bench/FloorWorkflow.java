package dev.tranche.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The floor: a workflow that does nothing but call {@link FloorWorkflowImpl#STEPS} no-op activities in turn. */
@WorkflowInterface
public interface FloorWorkflow {

  @WorkflowMethod
  void run();
}
