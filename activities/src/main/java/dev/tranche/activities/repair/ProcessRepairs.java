package dev.tranche.activities.repair;

import dev.tranche.chain.MonitorStart;
import dev.tranche.activities.application.ApplicationProcesses;
import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Json;
import dev.tranche.application.CollateralChoice;
import dev.tranche.application.Resumption;
import dev.tranche.collections.CollectionActivities;
import dev.tranche.common.LoanIds;
import dev.tranche.common.WorkflowIds;
import dev.tranche.decision.Tier;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import dev.tranche.offer.TilaDisclosure;
import dev.tranche.partner.PartnerRef;
import dev.tranche.servicing.Arrear;
import dev.tranche.servicing.ServicingState;
import io.temporal.client.WorkflowClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The repair pass. PostgreSQL is the system of record for business facts: every application or
 * collection case it says is in progress, and every collateralised loan it says is watched, whose
 * workflow is not running (a dev server restarted, a start lost to a crash) is started again from what
 * PostgreSQL holds, under the same business id, so nothing is done twice. Servicing has its own repair
 * ({@code SweepActivities.repairServicing}). Idempotent: run at worker start, every half minute for
 * applications, and in the daily sweep.
 */
@Component
public class ProcessRepairs {

  static final List<String> APPLICATIONS_IN_PROGRESS = List.of("INVITED", "SUBMITTED", "VERIFYING", "IN_REVIEW",
      "OFFERED", "ACCEPTED", "AWAITING_COLLATERAL", "FUNDING", "NEEDS_ATTENTION");
  private static final Set<String> CASE_CLOSED = Set.of("CURED", "CHARGED_OFF", "LIQUIDATION_REQUESTED",
      "HANDED_TO_AGENCY");

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final ObjectProvider<WorkflowClient> temporal;
  private final ApplicationProcesses applications;
  private final CollectionActivities cases;
  private final dev.tranche.chain.ChainActivities chain;

  /** See {@link Processes#lostWorkflowTask}: zero (the default) outside the embedded server. */
  private final Duration lostTaskAfter;

  ProcessRepairs(JdbcClient jdbc, AuditLog audit, ObjectProvider<WorkflowClient> temporal,
      ApplicationProcesses applications, CollectionActivities cases, dev.tranche.chain.ChainActivities chain,
      @Value("${tranche.repair.lost-task-after:0s}") Duration lostTaskAfter) {
    this.lostTaskAfter = lostTaskAfter;
    this.jdbc = jdbc;
    this.audit = audit;
    this.temporal = temporal;
    this.applications = applications;
    this.cases = cases;
    this.chain = chain;
  }

  /** What one pass restarted: application ids, collection case workflow ids, monitored loan ids. */
  public record Report(List<String> applications, List<String> collectionCases, List<String> monitors) {
  }

  public Report repairAll(Duration quietFor) {
    return new Report(repairApplications(quietFor), repairCollectionCases(), repairMonitors());
  }

  /**
   * Applications in progress, unchanged for {@code quietFor} (a start that is merely slow is left
   * alone), with no running workflow: restarted with where they stood.
   */
  public List<String> repairApplications(Duration quietFor) {
    WorkflowClient client = temporal.getObject();
    List<String> candidates = jdbc.sql("""
            select id::text from applications
             where status in (:statuses) and updated_at < now() - make_interval(secs => :quiet)
             order by updated_at limit 500""")
        .param("statuses", APPLICATIONS_IN_PROGRESS).param("quiet", (double) quietFor.toSeconds())
        .query(String.class).list();
    List<String> repaired = new ArrayList<>();
    for (String id : candidates) {
      if (Processes.running(client, WorkflowIds.application(id)) && !lostTask(client, id)) {
        continue;
      }
      // Read again now, after the checks: a pass over many applications takes a while, and a run that
      // moved on meanwhile (or was restarted by another replica) must be resumed from where it is now.
      InProgress row = inProgress(id);
      if (row == null) {
        continue;
      }
      CollateralChoice collateral = row.collateral() == null ? null : Json.read(row.collateral(), CollateralChoice.class);
      if (applications.start(id, row.borrowerId(), row.amount(), row.purpose(), partner(id), collateral,
          resumption(id, row.status(), row.loanId()))) {
        repaired.add(id);
        audit.record("system:repair", "APPLICATION_REPAIRED", "application", id, Map.of("status", row.status()));
      }
    }
    return repaired;
  }

  private record InProgress(String borrowerId, Money amount, String purpose, String status, String loanId,
      String collateral) {
  }

  /** The application as PostgreSQL holds it, if it is still in progress. */
  private InProgress inProgress(String id) {
    return jdbc.sql("""
            select borrower_id, requested_amount, currency, purpose, status, loan_id::text, collateral::text
              from applications where id = cast(:id as uuid) and status in (:statuses)""")
        .param("id", id).param("statuses", APPLICATIONS_IN_PROGRESS)
        .query((rs, n) -> new InProgress(rs.getString(1),
            new Money(rs.getBigDecimal(2), Currency.getInstance(rs.getString(3))), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7)))
        .optional().orElse(null);
  }

  /**
   * An application whose workflow (or its disbursement's) waits on a workflow or activity task the
   * embedded server lost is ended and then restarted like a lost one: the same business ids keep the lender, the ledger
   * and the texts from doing anything twice.
   */
  private boolean lostTask(WorkflowClient client, String applicationId) {
    if (lostTaskAfter.isZero()) {
      return false;
    }
    String application = WorkflowIds.application(applicationId);
    String loanId = jdbc.sql("select loan_id::text from applications where id = ?::uuid").param(applicationId)
        .query(String.class).optional().orElse(null);
    String disbursement = WorkflowIds.disbursement(loanId != null ? loanId : LoanIds.forApplication(applicationId));
    boolean lost = lost(client, application)
        || Processes.running(client, disbursement) && lost(client, disbursement);
    if (lost) {
      for (String workflowId : List.of(application, disbursement)) {
        if (Processes.running(client, workflowId)) {
          client.newUntypedWorkflowStub(workflowId).terminate("a workflow task was lost by the embedded server");
        }
      }
      audit.record("system:repair", "LOST_WORKFLOW_TASK", "application", applicationId, Map.of());
    }
    return lost;
  }

  private boolean lost(WorkflowClient client, String workflowId) {
    return Processes.lostWorkflowTask(client, workflowId, lostTaskAfter)
        || Processes.lostActivityTask(client, workflowId, lostTaskAfter);
  }

  /** Open collection cases (an unpaid installment with a case not closed) whose workflow is gone. */
  public List<String> repairCollectionCases() {
    WorkflowClient client = temporal.getObject();
    List<String> repaired = new ArrayList<>();
    for (ServicingState state : dev.tranche.activities.servicing.ActiveLoans.states(jdbc)) {
      if (state.position() == null || state.terms() == null) {
        continue;
      }
      for (Arrear arrear : state.position().arrears()) {
        String stage = jdbc.sql("select stage from collection_cases where loan_id = ? and installment = ?")
            .params(UUID.fromString(state.loanId()), arrear.installment()).query(String.class).optional().orElse(null);
        String id = WorkflowIds.collection(state.loanId(), arrear.installment());
        if (stage == null || CASE_CLOSED.contains(stage) || Processes.running(client, id)) {
          continue;
        }
        if (cases.openCase(state.terms().collectionFor(state.loanId(), arrear))) {
          repaired.add(id);
          audit.record("system:repair", "COLLECTION_REPAIRED", "loan", state.loanId(),
              Map.of("installment", arrear.installment()));
        }
      }
    }
    return repaired;
  }

  /** Active collateralised loans whose collateral monitor is gone (it starts any liquidation due). */
  public List<String> repairMonitors() {
    WorkflowClient client = temporal.getObject();
    List<String> repaired = new ArrayList<>();
    jdbc.sql("""
            select r.loan_id::text, r.application_id::text, r.chain from collateral_requirements r
              join loans l on l.id = r.loan_id where r.status = 'DEPOSITED' and l.status = 'ACTIVE'""")
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()
        .forEach(row -> {
          if (!Processes.running(client, WorkflowIds.collateralMonitor(row[0]))) {
            chain.startMonitor(new MonitorStart(row[0], row[1], row[2]));
            repaired.add(row[0]);
            audit.record("system:repair", "MONITOR_REPAIRED", "loan", row[0], Map.of());
          }
        });
    return repaired;
  }

  private PartnerRef partner(String applicationId) {
    return jdbc.sql("""
            select j.partner_id, j.job_id, l.expires_at from partner_jobs j
              join borrower_links l on l.application_id = j.application_id where j.application_id = ?::uuid""")
        .param(applicationId)
        .query((rs, n) -> new PartnerRef(rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime()))
        .optional().orElse(null);
  }

  private Resumption resumption(String applicationId, String status, String loanId) {
    List<Offer> offers = jdbc.sql("""
            select offer_id, tier, lender, principal, currency, term_months, apr, monthly_payment, origination_fee,
                   total_of_payments, expires_at, quote_id, disclosure::text, conditions::text
              from offers where application_id = ?::uuid order by finance_charge nulls last, offer_id""")
        .param(applicationId).query((rs, n) -> offer(rs)).list();
    record Signed(String offerId, String sha, long at) {
    }
    Signed signed = jdbc.sql("select offer_id, agreement_sha256, signed_at from signatures where application_id = ?::uuid")
        .param(applicationId).query((rs, n) -> new Signed(rs.getString(1), rs.getString(2),
            rs.getTimestamp(3).getTime())).optional().orElse(null);
    return new Resumption(status, offers, signed == null ? null : signed.offerId(),
        signed == null ? null : signed.sha(), signed == null ? 0 : signed.at(), loanId);
  }

  private static Offer offer(ResultSet rs) throws SQLException {
    Currency currency = Currency.getInstance(rs.getString(5));
    String disclosure = rs.getString(13);
    return new Offer(rs.getString(1), Tier.valueOf(rs.getString(2)), rs.getString(3),
        new Money(rs.getBigDecimal(4), currency), rs.getInt(6), rs.getBigDecimal(7),
        new Money(rs.getBigDecimal(8), currency), new Money(rs.getBigDecimal(9), currency),
        new Money(rs.getBigDecimal(10), currency), rs.getTimestamp(11).getTime(), rs.getString(12),
        disclosure == null ? null : Json.read(disclosure, TilaDisclosure.class),
        List.of(Json.MAPPER.readValue(rs.getString(14), String[].class)));
  }
}
