package dev.tranche.activities.support;

import io.temporal.activity.Activity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time business dates are read from outside workflow code: a portfolio's as-of date, a sweep's default
 * business date, a deadline shown to a borrower. It is the machine's clock, except in the embedded run, whose
 * clock ops can move ({@code DevClock}): there it is the embedded Temporal server's time, the time the workflows
 * see, so the dates the API and console show move with them.
 */
public interface BusinessClock {

  Instant now();

  /** Today's business date (UTC). */
  default LocalDate today() {
    return LocalDate.ofInstant(now(), ZoneOffset.UTC);
  }

  /** The machine's clock. */
  BusinessClock SYSTEM = Instant::now;

  /**
   * Inside an activity, the Temporal server's time when this attempt was scheduled (the workflows' time, moved
   * with the embedded clock); the machine's time elsewhere.
   */
  static Instant ofActivity() {
    try {
      return Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp());
    } catch (IllegalStateException notAnActivity) {
      return Instant.now();
    }
  }
}
