package dev.tranche.bench;

import io.temporal.activity.ActivityInterface;

/** A no-op activity: the cost of one activity round trip through the server and the worker. */
@ActivityInterface
public interface FloorActivities {

  void step(int n);
}
