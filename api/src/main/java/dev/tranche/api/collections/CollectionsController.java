package dev.tranche.api.collections;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tranche.activities.support.Json;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.collections.CollectionsSweepWorkflow;
import dev.tranche.collections.SweepReport;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The collections sweep on demand (the scheduler runs it daily). */
@RestController
public class CollectionsController {

  record SweepRequest(LocalDate businessDate) {
  }

  /** A day's sweep: started now, or already run (with its report once it has finished). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Sweep(LocalDate businessDate, String workflowId, String status, SweepReport report) {
  }

  private final WorkflowClient temporal;
  private final SweepQueries queries;

  CollectionsController(WorkflowClient temporal, SweepQueries queries) {
    this.temporal = temporal;
    this.queries = queries;
  }

  /** Starts the sweep for a business date (default today, UTC); a date already swept answers 200. */
  @PostMapping("/api/v1/collections/sweeps")
  public ResponseEntity<Sweep> sweep(@RequestBody(required = false) SweepRequest request) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate date = request == null || request.businessDate() == null ? today : request.businessDate();
    if (date.isAfter(today) || date.isBefore(today.minusDays(366))) {
      throw ApiProblem.badRequest("businessDate must be within the past year and not in the future");
    }
    String id = WorkflowIds.collectionsSweep(date);
    if (queries.swept(date)) {
      return alreadyRan(date, id);
    }
    try {
      WorkflowClient.start(temporal.newWorkflowStub(CollectionsSweepWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(id).setTaskQueue(TaskQueues.SERVICING)
          .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build())::sweep,
          date);
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Sweep(date, id, "STARTED", null));
    } catch (WorkflowExecutionAlreadyStarted already) {
      return alreadyRan(date, id);
    }
  }

  /** The date was swept, or is being swept: its report as far as it is recorded. */
  private ResponseEntity<Sweep> alreadyRan(LocalDate date, String workflowId) {
    SweepReport report = queries.sweepReport(date).map(r -> Json.read(r, SweepReport.class)).orElse(null);
    return ResponseEntity.ok(new Sweep(date, workflowId, "ALREADY_RAN", report));
  }
}
