package dev.tranche.common;

import io.temporal.activity.ActivityInterface;

/** Keeps our PostgreSQL read model of workflows current (the dev server has no visibility API). */
@ActivityInterface
public interface WorkflowRegistryActivities {

  /** Upserts the run by workflow id; the last status written wins. */
  void track(WorkflowRun run);
}
