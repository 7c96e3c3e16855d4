package dev.tranche.activities.collections;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.BusinessClock;
import dev.tranche.activities.support.Json;
import dev.tranche.collections.CollectionsSweepWorkflow;
import dev.tranche.collections.SweepReport;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily collections sweep, for the API, the scheduler and the console alike: start one for a business
 * date (once per date: the workflow id is the date, and a date already swept is only reported), and read
 * the sweeps done.
 */
@Component
public class Sweeps {

  /** Whether this call started the date's sweep, or found it run (or running) already. */
  public enum Outcome { STARTED, ALREADY_RAN }

  /** What a re-run did: started again, or refused because the sweep finished or still runs. */
  public enum Rerun { STARTED, FINISHED, RUNNING }

  /** One business date's sweep as recorded; {@code report} once it has finished. */
  public record SweepRow(LocalDate businessDate, String workflowId, Instant finishedAt, SweepReport report) {
  }

  private final JdbcClient jdbc;
  private final ObjectProvider<WorkflowClient> temporal;

  private final AuditLog audit;
  private final BusinessClock clock;

  Sweeps(JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal, AuditLog audit, BusinessClock clock) {
    this.jdbc = jdbc;
    this.temporal = temporal;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Runs a business date's sweep again when it was claimed but never reported and no run of it is open (it
   * failed, was terminated, or Temporal forgot it): the stale claim is released and a new run takes it. A
   * finished or running sweep is left alone. Audited.
   */
  @Transactional
  public Rerun rerun(LocalDate date, String actor) {
    if (report(date).isPresent() || !swept(date)) {
      return Rerun.FINISHED;
    }
    WorkflowClient client = temporal.getObject();
    String workflowId = WorkflowIds.collectionsSweep(date);
    try {
      if (client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return Rerun.RUNNING;
      }
    } catch (WorkflowNotFoundException forgotten) {
      // Temporal no longer knows the run: PostgreSQL's unfinished claim is all that is left of it.
    }
    jdbc.sql("delete from collection_sweeps where business_date = ? and report is null").param(date).update();
    try {
      WorkflowClient.start(client.newWorkflowStub(CollectionsSweepWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(workflowId).setTaskQueue(TaskQueues.SERVICING)
          .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
          .build())::sweep, date);
    } catch (WorkflowExecutionAlreadyStarted started) {
      return Rerun.RUNNING;
    }
    audit.record(actor, "SWEEP_RERUN", "collections-sweep", date.toString(), java.util.Map.of());
    return Rerun.STARTED;
  }

  /** Whether {@code date} may be swept: within the past year and not in the future (UTC). */
  public boolean allowed(LocalDate date) {
    LocalDate today = today();
    return !date.isAfter(today) && !date.isBefore(today.minusDays(366));
  }

  /** Today's business date: a sweep's default (the workflows' date, moved with the embedded clock). */
  public LocalDate today() {
    return clock.today();
  }

  public Outcome start(LocalDate date) {
    if (swept(date)) {
      return Outcome.ALREADY_RAN;
    }
    try {
      WorkflowClient client = temporal.getObject();
      WorkflowClient.start(client.newWorkflowStub(CollectionsSweepWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(WorkflowIds.collectionsSweep(date)).setTaskQueue(TaskQueues.SERVICING)
          .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build())::sweep,
          date);
      return Outcome.STARTED;
    } catch (WorkflowExecutionAlreadyStarted already) {
      return Outcome.ALREADY_RAN;
    }
  }

  public boolean swept(LocalDate date) {
    return jdbc.sql("select count(*) from collection_sweeps where business_date = ?").param(date).query(Long.class)
        .single() > 0;
  }

  /** The sweep's report, once it is recorded. */
  public Optional<SweepReport> report(LocalDate date) {
    return jdbc.sql("select report::text from collection_sweeps where business_date = ? and report is not null")
        .param(date).query(String.class).optional().map(r -> Json.read(r, SweepReport.class));
  }

  /** The latest {@code limit} business dates swept or being swept, newest first. */
  public List<SweepRow> recent(int limit) {
    return jdbc.sql("""
            select business_date, finished_at, report::text from collection_sweeps
             order by business_date desc limit ?""")
        .param(limit)
        .query((rs, n) -> new SweepRow(rs.getDate(1).toLocalDate(),
            WorkflowIds.collectionsSweep(rs.getDate(1).toLocalDate()),
            rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
            rs.getString(3) == null ? null : Json.read(rs.getString(3), SweepReport.class)))
        .list();
  }
}
