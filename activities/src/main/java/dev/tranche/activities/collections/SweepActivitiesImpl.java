package dev.tranche.activities.collections;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.servicing.ActiveLoans;
import dev.tranche.activities.support.Json;
import dev.tranche.collections.CollectionRequest;
import dev.tranche.collections.SweepActivities;
import dev.tranche.collections.SweepClaim;
import dev.tranche.collections.SweepReport;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.servicing.Arrear;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.ServicingState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sweep reads the loan read model (snapshots written by each loan's workflow) and asks Temporal
 * which servicing workflows are running; a loan whose workflow is gone is restarted from its last
 * snapshot, under the same business id.
 */
@Component("sweepActivities")
public class SweepActivitiesImpl implements SweepActivities {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Supplier<WorkflowClient> temporal;

  @org.springframework.beans.factory.annotation.Autowired
  SweepActivitiesImpl(JdbcClient jdbc, AuditLog audit, ObjectProvider<WorkflowClient> temporal) {
    this(jdbc, audit, (Supplier<WorkflowClient>) temporal::getObject);
  }

  public SweepActivitiesImpl(JdbcClient jdbc, AuditLog audit, Supplier<WorkflowClient> temporal) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.temporal = temporal;
  }

  @Override
  public boolean claim(SweepClaim claim) {
    LocalDate businessDate = claim.businessDate();
    String runId = claim.runId();
    jdbc.sql("insert into collection_sweeps (business_date, claimed_by) values (?, ?) on conflict do nothing")
        .params(Date.valueOf(businessDate), runId).update();
    return runId.equals(jdbc.sql("select claimed_by from collection_sweeps where business_date = ?")
        .param(Date.valueOf(businessDate)).query(String.class).single());
  }

  @Override
  public List<CollectionRequest> missedWithoutCase(LocalDate businessDate) {
    List<CollectionRequest> missed = new ArrayList<>();
    for (ServicingState state : ActiveLoans.states(jdbc)) {
      if (state.position() == null || state.terms() == null) {
        continue;
      }
      for (Arrear arrear : state.position().arrears()) {
        boolean hasCase = jdbc.sql("select count(*) from collection_cases where loan_id = ? and installment = ?")
            .params(UUID.fromString(state.loanId()), arrear.installment()).query(Long.class).single() > 0;
        if (!hasCase && arrear.dueDate().isBefore(businessDate)) {
          missed.add(state.terms().collectionFor(state.loanId(), arrear));
        }
      }
    }
    return missed;
  }

  @Override
  public List<String> repairServicing() {
    WorkflowClient client = temporal.get();
    List<String> repaired = new ArrayList<>();
    for (ServicingState state : ActiveLoans.states(jdbc)) {
      String id = WorkflowIds.loan(state.loanId());
      if (dev.tranche.activities.repair.Processes.running(client, id)) {
        continue;
      }
      WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.SERVICING)
          .build();
      try {
        WorkflowClient.start(client.newWorkflowStub(LoanServicingWorkflow.class, options)::service, state);
        repaired.add(state.loanId());
        audit.record("system:sweep", "SERVICING_REPAIRED", "loan", state.loanId(), Map.of());
      } catch (WorkflowExecutionAlreadyStarted started) {
        // Another replica repaired it first.
      }
    }
    return repaired;
  }

  @Override
  public int activeLoans() {
    return jdbc.sql("select count(*) from loans where status = 'ACTIVE'").query(Integer.class).single();
  }

  @Override
  public void recordDelinquency(LocalDate businessDate) {
    dev.tranche.activities.servicing.Portfolio.recordDelinquency(jdbc, businessDate);
  }

  @Override
  public void recordReport(SweepReport report) {
    jdbc.sql("""
            insert into collection_sweeps (business_date, claimed_by, report, finished_at)
            values (?, 'unclaimed', ?::jsonb, now())
            on conflict (business_date) do update set report = excluded.report, finished_at = excluded.finished_at
             where collection_sweeps.report is null""")
        .params(Date.valueOf(report.businessDate()), Json.write(report)).update();
    audit.record("system:sweep", "COLLECTIONS_SWEEP", "sweep", report.businessDate().toString(),
        Map.of("casesOpened", report.casesOpened().size(), "servicingRepaired", report.servicingRepaired().size()));
  }
}
