package dev.tranche.api.ops;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.api.web.ApiProblem;
import io.temporal.client.WorkflowClient;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops: find workflows in our read model (the dev server has no visibility API) and read any
 * workflow's history, decoded, with PII masked. Every history read is audited.
 */
@RestController
@RequestMapping("/api/v1/ops/workflows")
class OpsController {

  record WorkflowRow(String workflowId, String workflowType, String businessId, String status, Instant startedAt,
      Instant updatedAt) {
  }

  /** The runs found. */
  record WorkflowList(List<WorkflowRow> workflows) {
  }

  /** A run's history, each event decoded and PII-masked. */
  record WorkflowHistory(String workflowId, String runId, List<Map<String, Object>> events) {
  }

  private static final Pattern WORKFLOW_ID = Pattern.compile("^[a-z]+-[A-Za-z0-9-]{1,80}$");

  private final OpsQueries queries;
  private final WorkflowClient temporal;
  private final HistoryRenderer renderer;
  private final AuditLog audit;

  OpsController(OpsQueries queries, WorkflowClient temporal, HistoryRenderer renderer, AuditLog audit) {
    this.audit = audit;
    this.queries = queries;
    this.temporal = temporal;
    this.renderer = renderer;
  }

  @GetMapping
  WorkflowList list(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
      @RequestParam(required = false) String businessId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    List<WorkflowRow> rows = queries.runs(type, status, businessId, limit);
    return new WorkflowList(rows);
  }

  @GetMapping("/{workflowId}/history")
  WorkflowHistory history(@PathVariable String workflowId, Authentication auth) {
    if (!WORKFLOW_ID.matcher(workflowId).matches()) {
      throw ApiProblem.badRequest("not a Tranche workflow id: " + workflowId);
    }
    if (!queries.knownRun(workflowId)) {
      throw ApiProblem.notFound("workflow " + workflowId);
    }
    var history = temporal.fetchHistory(workflowId);
    audit.record(auth.getName(), "HISTORY_READ", "workflow", workflowId, Map.of());
    return new WorkflowHistory(workflowId, history.getWorkflowExecution().getRunId(),
        renderer.render(history.getEvents()));
  }
}
