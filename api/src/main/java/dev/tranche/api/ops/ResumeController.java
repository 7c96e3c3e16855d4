package dev.tranche.api.ops;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops resume an application a provider outage parked in {@code NEEDS_ATTENTION}: its workflow tries
 * the step again. Anything else is a 409; a repeat while the signal is in flight is harmless.
 */
@RestController
class ResumeController {

  /** The application is asked to go on. */
  record Resuming(String applicationId, String status) {
  }

  private final OpsQueries queries;
  private final WorkflowClient temporal;
  private final AuditLog audit;

  ResumeController(OpsQueries queries, WorkflowClient temporal, AuditLog audit) {
    this.queries = queries;
    this.temporal = temporal;
    this.audit = audit;
  }

  @PostMapping("/api/v1/ops/applications/{id}/resume")
  ResponseEntity<Resuming> resume(@PathVariable UUID id, Authentication auth) {
    String status = queries.applicationStatus(id).orElseThrow(() -> ApiProblem.notFound("application " + id));
    if (!"NEEDS_ATTENTION".equals(status)) {
      throw ApiProblem.conflict("application " + id + " is " + status + ", not NEEDS_ATTENTION");
    }
    temporal.newWorkflowStub(LoanApplicationWorkflow.class, WorkflowIds.application(id.toString())).resume();
    audit.record(auth.getName(), "APPLICATION_RESUMED", "application", id.toString(), Map.of());
    return ResponseEntity.accepted().body(new Resuming(id.toString(), "RESUMING"));
  }
}
