package dev.tranche.console;

import dev.tranche.activities.application.ApplicationCancellation;
import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ops.HistoryRenderer;
import dev.tranche.activities.ops.LiveState;
import dev.tranche.activities.ops.Timeline;
import dev.tranche.activities.ops.WorkflowRuns;
import dev.tranche.activities.support.Refused;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The workflow explorer for ops: search the runs read model, and read a workflow's live state (its query) and
 * its business timeline, whose every step opens to its decoded, PII-masked event. Every history read is audited, as in the API.
 */
@Controller
class WorkflowPages {

  private final WorkflowRuns runs;
  private final HistoryRenderer renderer;
  private final AuditLog audit;
  private final LiveState live;
  private final ApplicationCancellation cancellation;

  WorkflowPages(WorkflowRuns runs, HistoryRenderer renderer, AuditLog audit, LiveState live,
      ApplicationCancellation cancellation) {
    this.runs = runs;
    this.renderer = renderer;
    this.audit = audit;
    this.live = live;
    this.cancellation = cancellation;
  }

  /**
   * Ops cancel an application not yet signed from its workflow's page, through the same
   * {@link ApplicationCancellation} as the API: a reason and a confirmation first; audited.
   */
  @PostMapping("/console/workflows/{workflowId}/cancellation")
  String cancel(@PathVariable String workflowId, @RequestParam(required = false) String reason,
      @RequestParam(defaultValue = "false") boolean confirm, Authentication auth, RedirectAttributes flash) {
    UUID applicationId = applicationOf(workflowId);
    String why = reason == null ? "" : reason.strip();
    if (applicationId == null) {
      flash.addFlashAttribute("refusal", "Only an application's workflow can be cancelled here.");
    } else if (!confirm || why.isEmpty() || why.length() > 500) {
      flash.addFlashAttribute("refusal", "Nothing was cancelled: give a reason (at most 500 characters) and tick"
          + " the confirmation.");
    } else {
      try {
        cancellation.cancel(applicationId, why, auth.getName());
        flash.addFlashAttribute("notice", "Cancellation requested: the application ends CANCELLED.");
      } catch (Refused refused) {
        flash.addFlashAttribute("refusal", "Refused: " + refused.getMessage() + ".");
      }
    }
    return "redirect:/console/workflows/" + workflowId;
  }

  /** The application id of an {@code application-{uuid}} workflow id, else null. */
  private static UUID applicationOf(String workflowId) {
    if (!workflowId.startsWith("application-")) {
      return null;
    }
    try {
      return UUID.fromString(workflowId.substring("application-".length()));
    } catch (IllegalArgumentException notOne) {
      return null;
    }
  }

  @GetMapping("/console/workflows")
  String search(@RequestParam(required = false) String q, @RequestParam(required = false) String type,
      @RequestParam(required = false) String status, Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("q", q);
    model.addAttribute("type", type);
    model.addAttribute("status", status);
    model.addAttribute("runs", runs.runs(type, status, q, 100));
    return "console/workflows";
  }

  @GetMapping("/console/workflows/{workflowId}")
  String workflow(@PathVariable String workflowId, @RequestParam(required = false) String run, Authentication auth,
      Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("workflowId", workflowId);
    boolean runShaped = run == null || run.matches("^[0-9a-fA-F-]{36}$");
    var history = WorkflowRuns.trancheId(workflowId) && runShaped ? runs.history(workflowId, run)
        : java.util.Optional.<WorkflowRuns.RunHistory>empty();
    if (history.isEmpty()) {
      return "console/workflow-missing";
    }
    audit.record(auth.getName(), "HISTORY_READ", "workflow", workflowId, Map.of("via", "console"));
    var events = history.get().events();
    model.addAttribute("runId", history.get().runId());
    model.addAttribute("steps", Timeline.of(events, renderer.render(events)));
    String type = events.isEmpty() || !events.getFirst().hasWorkflowExecutionStartedEventAttributes() ? null
        : events.getFirst().getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
    model.addAttribute("workflowType", type);
    model.addAttribute("live", type == null ? null : live.of(workflowId, type).orElse(null));
    UUID applicationId = applicationOf(workflowId);
    model.addAttribute("cancellable", applicationId != null && cancellation.cancellable(applicationId));
    return "console/workflow";
  }
}
