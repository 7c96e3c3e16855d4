package dev.tranche.api.servicing;

import dev.tranche.api.web.ApiProblem;
import dev.tranche.collections.CollectionsSweepWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The collections sweep on demand, the delinquency portfolio and the trial balance. */
@RestController
public class CollectionsController {

  record SweepRequest(LocalDate businessDate) {
  }

  private final WorkflowClient temporal;
  private final JdbcClient jdbc;

  CollectionsController(WorkflowClient temporal, JdbcClient jdbc) {
    this.temporal = temporal;
    this.jdbc = jdbc;
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
    if (jdbc.sql("select count(*) from collection_sweeps where business_date = ?").param(date).query(Long.class)
        .single() > 0) {
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
    jdbc.sql("select report::text from collection_sweeps where business_date = ? and report is not null").param(date)
        .query(String.class).optional().ifPresent(r -> body.put("report", tools.jackson.databind.json.JsonMapper
            .builder().build().readTree(r)));
    return ResponseEntity.ok(body);
  }

  /** Counts and balances per delinquency bucket, days past due counted from the oldest unpaid due date. */
  @GetMapping("/api/v1/portfolio/delinquency")
  public Map<String, Object> delinquency() {
    List<Map<String, Object>> buckets = jdbc.sql("""
            with active as (
              select coalesce(current_date - (snapshot->'position'->'arrears'->0->>'dueDate')::date, 0) as dpd,
                     coalesce(principal_outstanding, principal) + interest_due + fees_due + penalties_due - credit
                       as balance, past_due
                from loans where status = 'ACTIVE')
            select bucket, count(*) as loans, coalesce(sum(balance), 0) as balance,
                   coalesce(sum(past_due), 0) as past_due
              from (select case when dpd <= 0 then 'current' when dpd < 30 then '1-29' when dpd < 60 then '30-59'
                                when dpd < 90 then '60-89' else '90+' end as bucket, balance, past_due from active) b
             group by bucket""")
        .query((rs, n) -> Map.<String, Object>of("bucket", rs.getString(1), "loans", rs.getLong(2),
            "balance", rs.getBigDecimal(3), "pastDue", rs.getBigDecimal(4)))
        .list();
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (String name : List.of("current", "1-29", "30-59", "60-89", "90+")) {
      byName.put(name, Map.of("bucket", name, "loans", 0L, "balance", BigDecimal.ZERO, "pastDue", BigDecimal.ZERO));
    }
    buckets.forEach(b -> byName.put((String) b.get("bucket"), b));
    return Map.of("asOf", LocalDate.now(ZoneOffset.UTC), "buckets", List.copyOf(byName.values()));
  }

  /** Every account's debits, credits and balance; debits equal credits. */
  @GetMapping("/api/v1/ledger/trial-balance")
  public Map<String, Object> trialBalance() {
    List<Map<String, Object>> accounts = jdbc.sql("""
            select a.code, a.type, a.currency,
                   coalesce(sum(e.amount) filter (where e.direction = 'D'), 0) as debits,
                   coalesce(sum(e.amount) filter (where e.direction = 'C'), 0) as credits
              from ledger_accounts a left join ledger_entries e on e.account_id = a.id
             group by a.code, a.type, a.currency order by a.code""")
        .query((rs, n) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("account", rs.getString(1));
          row.put("type", rs.getString(2));
          row.put("currency", rs.getString(3));
          row.put("debits", rs.getBigDecimal(4));
          row.put("credits", rs.getBigDecimal(5));
          row.put("balance", rs.getBigDecimal(4).subtract(rs.getBigDecimal(5)));
          return row;
        })
        .list();
    BigDecimal debits = accounts.stream().map(a -> (BigDecimal) a.get("debits")).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal credits = accounts.stream().map(a -> (BigDecimal) a.get("credits")).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    return Map.of("debits", debits, "credits", credits, "balanced", debits.compareTo(credits) == 0,
        "accounts", accounts);
  }
}
