package dev.tranche.api.servicing;

import dev.tranche.activities.support.Json;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.collections.CollectionsSweepWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The collections sweep on demand, the delinquency portfolio and the trial balance. */
@RestController
public class CollectionsController {

  record SweepRequest(LocalDate businessDate) {
  }

  /** The delinquency buckets as of a day. */
  record Delinquency(LocalDate asOf, List<PortfolioQueries.Bucket> buckets) {
  }

  private final WorkflowClient temporal;
  private final PortfolioQueries queries;

  CollectionsController(WorkflowClient temporal, PortfolioQueries queries) {
    this.temporal = temporal;
    this.queries = queries;
  }

  /** Starts the sweep for a business date (default today, UTC); a date already swept answers 200. */
  @PostMapping("/api/v1/collections/sweeps")
  public ResponseEntity<Map<String, Object>> sweep(@RequestBody(required = false) SweepRequest request) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate date = request == null || request.businessDate() == null ? today : request.businessDate();
    if (date.isAfter(today) || date.isBefore(today.minusDays(366))) {
      throw ApiProblem.badRequest("businessDate must be within the past year and not in the future");
    }
    String id = WorkflowIds.collectionsSweep(date);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("businessDate", date);
    body.put("workflowId", id);
    if (queries.swept(date)) {
      return alreadyRan(date, body);
    }
    try {
      WorkflowClient.start(temporal.newWorkflowStub(CollectionsSweepWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(id).setTaskQueue(TaskQueues.SERVICING)
          .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build())::sweep,
          date);
      body.put("status", "STARTED");
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    } catch (WorkflowExecutionAlreadyStarted already) {
      return alreadyRan(date, body);
    }
  }

  /** The date was swept, or is being swept: its report as far as it is recorded. */
  private ResponseEntity<Map<String, Object>> alreadyRan(LocalDate date, Map<String, Object> body) {
    body.put("status", "ALREADY_RAN");
    queries.sweepReport(date).ifPresent(r -> body.put("report", Json.read(r)));
    return ResponseEntity.ok(body);
  }

  /** Counts and balances per delinquency bucket, days past due counted from the oldest unpaid due date. */
  @GetMapping("/api/v1/portfolio/delinquency")
  public Delinquency delinquency() {
    return new Delinquency(LocalDate.now(ZoneOffset.UTC), queries.delinquency());
  }

  /** Every account's debits, credits and balance; debits equal credits. */
  @GetMapping("/api/v1/ledger/trial-balance")
  public PortfolioQueries.TrialBalance trialBalance() {
    return queries.trialBalance();
  }
}
