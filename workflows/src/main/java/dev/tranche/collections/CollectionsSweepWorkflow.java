package dev.tranche.collections;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.LocalDate;

/**
 * The daily collections sweep ({@code collections-sweep-{businessDate}}): the id is the business
 * date, so however many schedulers or replicas start it, it runs once per date.
 */
@WorkflowInterface
public interface CollectionsSweepWorkflow {

  @WorkflowMethod
  SweepReport sweep(LocalDate businessDate);
}
