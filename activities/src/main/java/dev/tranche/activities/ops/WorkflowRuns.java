package dev.tranche.activities.ops;

import dev.tranche.common.WorkflowIds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What ops look up, for the API and the console alike: the workflow runs read model (searchable, since
 * the dev server has no visibility store) and any Tranche workflow's history by its id.
 */
@Component
public class WorkflowRuns {

  /** One workflow run as the read model holds it. */
  public record WorkflowRow(String workflowId, String workflowType, String businessId, String status,
      Instant startedAt, Instant updatedAt) {
  }

  /** One run's events. */
  public record RunHistory(String runId, List<HistoryEvent> events) {
  }

  /** The id prefixes of Tranche's workflows ({@code WorkflowIds}); nothing else is ours to show. */
  private static final Pattern TRANCHE_ID = Pattern.compile(
      "^(application|review|disbursement|loan|collection|collections-sweep|liquidation|collateral|price-watch)"
          + "-[A-Za-z0-9-]{1,80}$");

  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;

  WorkflowRuns(JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal) {
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** The newest {@code limit} runs, filtered by whichever of type, status and business id are given. */
  public List<WorkflowRow> runs(String type, String status, String businessId, int limit) {
    StringBuilder sql = new StringBuilder("""
        select workflow_id, workflow_type, business_id, status, started_at, updated_at from workflow_runs where true""");
    List<Object> params = new ArrayList<>();
    if (type != null && !type.isBlank()) {
      sql.append(" and workflow_type = ?");
      params.add(type);
    }
    if (status != null && !status.isBlank()) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (businessId != null && !businessId.isBlank()) {
      sql.append(" and (business_id = ? or workflow_id = ?)");
      params.add(businessId.trim());
      params.add(businessId.trim());
    }
    sql.append(" order by updated_at desc limit ?");
    params.add(limit);
    List<WorkflowRow> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new WorkflowRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
        .list());
    String id = businessId == null ? "" : businessId.trim();
    boolean uuid = UUID_SHAPE.matcher(id).matches();
    // A loan's collection cases keep their own read model; a search by loan id finds them too.
    if (uuid && wanted(type, "CollectionWorkflow")) {
      rows.addAll(jdbc.sql("""
              select 'collection-' || loan_id || '-' || installment, loan_id::text, stage, opened_at, updated_at
                from collection_cases where loan_id = ?::uuid order by installment""")
          .param(id)
          .query((rs, n) -> new WorkflowRow(rs.getString(1), "CollectionWorkflow", rs.getString(2), rs.getString(3),
              rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
          .list());
    }
    // A collateralised loan's monitor, and its liquidation once the collateral was sold, from the collateral
    // requirement: by loan id, or by type.
    boolean monitors = wanted(type, "CollateralMonitorWorkflow");
    boolean liquidations = wanted(type, "LiquidationWorkflow");
    if ((uuid || id.isEmpty() && (type != null && !type.isBlank())) && (monitors || liquidations)) {
      String where = uuid ? "loan_id = ?::uuid" : "status in ('DEPOSITED', 'LIQUIDATED', 'RELEASED')";
      var query = jdbc.sql("""
          select loan_id::text, status, created_at from collateral_requirements where %s
           order by created_at desc limit ?""".formatted(where));
      if (uuid) {
        query = query.param(id);
      }
      for (var requirement : query.param(limit).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2),
          rs.getTimestamp(3).toInstant().toString()}).list()) {
        java.time.Instant at = java.time.Instant.parse(requirement[2]);
        if (monitors && !"AWAITING_DEPOSIT".equals(requirement[1])) {
          rows.add(new WorkflowRow(WorkflowIds.collateralMonitor(requirement[0]),
              "CollateralMonitorWorkflow", requirement[0],
              "DEPOSITED".equals(requirement[1]) ? "WATCHING" : "ENDED", at, at));
        }
        if (liquidations && "LIQUIDATED".equals(requirement[1])) {
          rows.add(new WorkflowRow("liquidation-" + requirement[0], "LiquidationWorkflow", requirement[0],
              "LIQUIDATED", at, at));
        }
      }
    }
    // Each chain's price watcher, for the chains that hold collateral: by type, or by its id.
    boolean watcherId = id.startsWith("price-watch-");
    if ((watcherId || id.isEmpty() && "PriceWatchWorkflow".equals(type)) && wanted(type, "PriceWatchWorkflow")) {
      rows.addAll(jdbc.sql("""
              select chain, min(created_at) from collateral_requirements group by chain order by chain limit ?""")
          .param(limit)
          .query((rs, n) -> new WorkflowRow(WorkflowIds.priceWatch(rs.getString(1)),
              "PriceWatchWorkflow", rs.getString(1), "WATCHING", rs.getTimestamp(2).toInstant(),
              rs.getTimestamp(2).toInstant()))
          .list().stream().filter(r -> !watcherId || r.workflowId().equals(id)).toList());
    }
    // The daily sweeps, by business date.
    boolean date = id.matches("^\\d{4}-\\d{2}-\\d{2}$");
    if ((date || id.isEmpty() && "CollectionsSweepWorkflow".equals(type)) && wanted(type, "CollectionsSweepWorkflow")) {
      var query = jdbc.sql("""
          select business_date, claimed_by, finished_at from collection_sweeps %s order by business_date desc limit ?"""
          .formatted(date ? "where business_date = ?::date" : ""));
      if (date) {
        query = query.param(id);
      }
      rows.addAll(query.param(limit).query((rs, n) -> {
        java.time.LocalDate day = rs.getDate(1).toLocalDate();
        java.time.Instant finished = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
        java.time.Instant at = finished != null ? finished : day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return new WorkflowRow(WorkflowIds.collectionsSweep(day), "CollectionsSweepWorkflow",
            day.toString(), finished == null ? "RUNNING" : "COMPLETED", at, at);
      }).list());
    }
    if (status != null && !status.isBlank()) {
      rows.removeIf(r -> !r.status().equals(status));
    }
    return rows;
  }

  private static boolean wanted(String type, String workflowType) {
    return type == null || type.isBlank() || type.equals(workflowType);
  }

  private static final Pattern UUID_SHAPE = Pattern.compile("^[0-9a-fA-F-]{36}$");

  /** Whether the id is shaped like one of Tranche's workflow ids. */
  public static boolean trancheId(String workflowId) {
    return workflowId != null && TRANCHE_ID.matcher(workflowId).matches();
  }

  /** The history of the workflow's latest run, if Temporal knows the workflow. */
  public Optional<RunHistory> history(String workflowId) {
    return history(workflowId, null);
  }

  /** The history of one run of the workflow ({@code runId}; null: the latest), if Temporal knows it. */
  public Optional<RunHistory> history(String workflowId, String runId) {
    try {
      // The run named (a fetched history itself only carries a placeholder run id).
      String run = runId != null ? runId
          : temporal.getObject().newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
      return Optional.of(new RunHistory(run, temporal.getObject().fetchHistory(workflowId, run).getEvents()));
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

}
