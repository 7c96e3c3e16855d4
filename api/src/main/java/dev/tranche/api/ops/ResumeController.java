package dev.tranche.api.ops;

import dev.tranche.activities.application.ApplicationCancellation;
import dev.tranche.activities.audit.AuditLog;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.common.WorkflowIds;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops resume an application a provider outage parked in {@code NEEDS_ATTENTION}: its workflow tries
 * the step again. Anything else is a 409; a repeat while the signal is in flight is harmless. Ops also cancel
 * an application not yet signed ({@link ApplicationCancellation}), with a reason.
 */
@RestController
class ResumeController {

  /** The application is asked to go on (or to stop). */
  record Resuming(String applicationId, String status) {
  }

  /** Why ops cancel an application. */
  record CancellationBody(@NotBlank @Size(max = 500) String reason) {
  }

  private final OpsQueries queries;
  private final WorkflowClient temporal;
  private final AuditLog audit;
  private final ApplicationCancellation cancellation;

  ResumeController(OpsQueries queries, WorkflowClient temporal, AuditLog audit, ApplicationCancellation cancellation) {
    this.queries = queries;
    this.temporal = temporal;
    this.audit = audit;
    this.cancellation = cancellation;
  }

  /** Cancels an application not yet signed (its workflow ends CANCELLED); 409 once it is signed. */
  @Operation(summary = "Cancels an application that is not yet signed, with a reason (OPS, ADMIN)")
  @PostMapping("/api/v1/ops/applications/{id}/cancellation")
  ResponseEntity<Resuming> cancel(@PathVariable UUID id, @Valid @RequestBody CancellationBody body,
      Authentication auth) {
    cancellation.cancel(id, body.reason(), auth.getName());
    return ResponseEntity.accepted().body(new Resuming(id.toString(), "CANCELLING"));
  }

  @Operation(summary = "Resumes an application parked as NEEDS_ATTENTION after its provider retries ran out (OPS,"
      + " ADMIN)")
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
