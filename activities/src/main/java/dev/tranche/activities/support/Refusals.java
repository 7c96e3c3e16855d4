package dev.tranche.activities.support;

import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/** A workflow update its validator refused, in the validator's own words. */
public final class Refusals {

  private Refusals() {
  }

  public static String reason(WorkflowUpdateException refused) {
    return refused.getCause() instanceof ApplicationFailure af ? af.getOriginalMessage() : refused.getMessage();
  }
}
