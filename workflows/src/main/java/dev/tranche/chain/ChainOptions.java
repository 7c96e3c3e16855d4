package dev.tranche.chain;

import dev.tranche.common.FailureType;
import dev.tranche.common.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** How every workflow calls {@link ChainActivities}: on the {@code chain} queue, whichever workflow asks. */
public final class ChainOptions {

  private ChainOptions() {
  }

  /** Reads and sends: retried while the node is unreachable; a misconfiguration or bad input is not. */
  public static ActivityOptions calls() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CHAIN)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30))
            .setDoNotRetry(FailureType.CHAIN_MISCONFIGURED.name(), FailureType.NOT_FOUND.name(), FailureType.INVALID_ADDRESS.name(),
                FailureType.PRICE_INVALID.name())
            .build())
        .build();
  }

  /** Receipts: asked again every second or so until confirmed, for up to an hour. */
  public static ActivityOptions receipts() {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CHAIN)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setBackoffCoefficient(1.5)
            .setMaximumInterval(Duration.ofSeconds(10))
            .setDoNotRetry(FailureType.CHAIN_MISCONFIGURED.name())
            .build())
        .build();
  }

  /**
   * The deposit is polled by the activity's own retries (no worker slot is held while waiting), at
   * most every 15 s, until the deposit window closes.
   */
  public static ActivityOptions depositWatch(long windowMillis) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CHAIN)
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMillis(Math.max(1000, windowMillis)))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(1.5)
            .setMaximumInterval(Duration.ofSeconds(15))
            .setDoNotRetry(FailureType.CHAIN_MISCONFIGURED.name())
            .build())
        .build();
  }
}
