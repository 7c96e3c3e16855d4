package dev.tranche.activities.testsupport;

import dev.tranche.money.LocalDates;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

/** What the time-skipping scenarios share: moving to a moment, and recording a history for the replay tests. */
public final class WorkflowTestSupport {

  private WorkflowTestSupport() {
  }

  /** Sleeps the test server's clock to {@code hourUtc} on {@code date} (at least a millisecond). */
  public static void sleepUntil(TestWorkflowEnvironment env, LocalDate date, int hourUtc) {
    long target = LocalDates.startOfDayMillis(date) + hourUtc * 3_600_000L;
    env.sleep(Duration.ofMillis(Math.max(1, target - env.currentTimeMillis())));
  }

  /** Writes a workflow's (latest run's) history as {@code name.json} when -Dtranche.recordHistories=DIR. */
  public static void recordHistory(WorkflowClient client, String workflowId, String name) {
    String dir = System.getProperty("tranche.recordHistories");
    if (dir == null) {
      return;
    }
    try {
      Path file = Path.of(dir, name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
