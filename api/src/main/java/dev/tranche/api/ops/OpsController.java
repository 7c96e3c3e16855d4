package dev.tranche.api.ops;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ops.HistoryRenderer;
import dev.tranche.activities.ops.WorkflowRuns;
import dev.tranche.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
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

  /** The runs found. */
  record WorkflowList(List<WorkflowRuns.WorkflowRow> workflows) {
  }

  /** A run's history, each event decoded and PII-masked. */
  record WorkflowHistory(String workflowId, String runId, List<Map<String, Object>> events) {
  }

  private final WorkflowRuns runs;
  private final HistoryRenderer renderer;
  private final AuditLog audit;

  OpsController(WorkflowRuns runs, HistoryRenderer renderer, AuditLog audit) {
    this.audit = audit;
    this.runs = runs;
    this.renderer = renderer;
  }

  @Operation(summary = "Workflows of every type, searchable by business id, type and status (OPS, ADMIN)")
  @GetMapping
  WorkflowList list(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
      @RequestParam(required = false) String businessId,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return new WorkflowList(runs.runs(type, status, businessId, limit));
  }

  @Operation(summary = "A workflow's history, decoded, PII masked, audited; ?run= for a continued-as-new run (OPS,"
      + " ADMIN)")
  @GetMapping("/{workflowId}/history")
  WorkflowHistory history(@PathVariable String workflowId, Authentication auth) {
    if (!WorkflowRuns.trancheId(workflowId)) {
      throw ApiProblem.badRequest("not a Tranche workflow id: " + workflowId);
    }
    var history = runs.history(workflowId).orElseThrow(() -> ApiProblem.notFound("workflow " + workflowId));
    audit.record(auth.getName(), "HISTORY_READ", "workflow", workflowId, Map.of());
    return new WorkflowHistory(workflowId, history.runId(), renderer.render(history.events()));
  }
}
