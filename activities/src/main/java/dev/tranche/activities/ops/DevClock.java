package dev.tranche.activities.ops;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.BusinessClock;
import dev.tranche.temporal.TestServerClock;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The embedded run's movable clock: the embedded Temporal server runs in real time with its time skipping
 * locked; advancing it by a span fires, in order, every timer due in that span in every workflow, so
 * reminders, autopay, collection stages and charge-off happen in front of the person watching. Exists only
 * in the embedded profile: a real Temporal cluster has no such clock.
 */
@Component
@Profile("embedded")
public class DevClock implements BusinessClock {

  private final ObjectProvider<WorkflowClient> temporal;
  private final AuditLog audit;

  DevClock(ObjectProvider<WorkflowClient> temporal, AuditLog audit) {
    this.temporal = temporal;
    this.audit = audit;
  }

  /** Moves the server's clock forward by {@code span}; returns the server's time after the move. */
  public Instant advance(Duration span, String actor) {
    TestServerClock.advance(channel(), span);
    audit.record(actor, "CLOCK_ADVANCED", "clock", "temporal", Map.of("seconds", span.toSeconds()));
    return now();
  }

  /**
   * The server's time, which workflows see (and so the business date everything else shows); the machine's if the
   * server does not answer, so a page that shows a date does not fail with it.
   */
  @Override
  public Instant now() {
    try {
      return TestServerClock.now(channel());
    } catch (StatusRuntimeException unanswered) {
      return Instant.now();
    }
  }

  private io.grpc.Channel channel() {
    return temporal.getObject().getWorkflowServiceStubs().getRawChannel();
  }
}
