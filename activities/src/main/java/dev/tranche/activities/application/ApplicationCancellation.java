package dev.tranche.activities.application;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Refused;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ops cancel an application before the borrower signs, with a reason, for the API and the console alike:
 * Temporal's cancellation of {@code application-{id}}, which stops whatever it waits for (the link, a review, the
 * borrower's choice) and ends it {@code CANCELLED}. Once signed it is refused: the funding runs to its end.
 * Audited with the reason. Refused ({@link Refused}) for an unknown or signed application.
 */
@Component
public class ApplicationCancellation {

  /** Statuses before the signature. */
  public static final List<String> CANCELLABLE = List.of("INVITED", "SUBMITTED", "VERIFYING", "IN_REVIEW", "OFFERED",
      "NEEDS_ATTENTION");

  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;
  private final AuditLog audit;

  ApplicationCancellation(JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal, AuditLog audit) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.audit = audit;
  }

  public boolean cancellable(UUID applicationId) {
    return status(applicationId).filter(CANCELLABLE::contains).isPresent();
  }

  public void cancel(UUID applicationId, String reason, String actor) {
    String status = status(applicationId)
        .orElseThrow(() -> Refused.notFound("application " + applicationId));
    if (!CANCELLABLE.contains(status)) {
      throw Refused.conflict("application " + applicationId + " is " + status + ": only an application not yet"
          + " signed can be cancelled");
    }
    try {
      temporal.getObject().newUntypedWorkflowStub(WorkflowIds.application(applicationId.toString()))
          .cancel("ops " + actor + ": " + reason);
    } catch (WorkflowNotFoundException gone) {
      throw Refused.conflict("application " + applicationId + " has no running process to cancel");
    }
    audit.record(actor, "APPLICATION_CANCELLED", "application", applicationId.toString(), Map.of("reason", reason));
  }

  private java.util.Optional<String> status(UUID applicationId) {
    return jdbc.sql("select status from applications where id = ?").param(applicationId).query(String.class)
        .optional();
  }
}
