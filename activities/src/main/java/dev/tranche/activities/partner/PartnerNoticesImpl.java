package dev.tranche.activities.partner;

import dev.tranche.common.TaskQueues;
import dev.tranche.partner.PartnerEvent;
import dev.tranche.partner.PartnerEventWorkflow;
import dev.tranche.partner.PartnerNotice;
import dev.tranche.partner.PartnerNotices;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the partner a loan came from (its application's CRM job) and hands the notice to a
 * {@code partner-event-{eventId}} workflow on the applications queue, which delivers it signed and retried.
 * The event id is the loan, the type and the occurrence, so a retried activity starts nothing twice.
 */
@Component("partnerNotices")
public class PartnerNoticesImpl implements PartnerNotices {

  private final JdbcClient jdbc;
  private final Supplier<WorkflowClient> temporal;

  @Autowired
  PartnerNoticesImpl(JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal) {
    this(jdbc, (Supplier<WorkflowClient>) temporal::getObject);
  }

  /** With the Temporal client given (a test environment's). */
  public PartnerNoticesImpl(JdbcClient jdbc, Supplier<WorkflowClient> temporal) {
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** The partner and job of a loan, if it came from a CRM. */
  private record Origin(String partnerId, String jobId, String applicationId) {
  }

  @Override
  public void notifyPartner(PartnerNotice notice) {
    var origin = jdbc.sql("""
            select j.partner_id, j.job_id, l.application_id::text from loans l
              join partner_jobs j on j.application_id = l.application_id where l.id = ?""")
        .param(UUID.fromString(notice.loanId()))
        .query((rs, n) -> new Origin(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    if (origin.isEmpty()) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>(notice.data());
    data.put("loanId", notice.loanId());
    data.put("applicationId", origin.get().applicationId());
    data.put("jobId", origin.get().jobId());
    String eventId = "evt_" + notice.loanId() + "_" + notice.type() + "_" + notice.occurrence();
    PartnerEventWorkflow delivery = temporal.get().newWorkflowStub(PartnerEventWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("partner-event-" + eventId).setTaskQueue(TaskQueues.APPLICATIONS)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
    try {
      WorkflowClient.start(delivery::deliver, new PartnerEvent(eventId, origin.get().partnerId(), notice.type(),
          origin.get().applicationId(), notice.occurredAtMillis(), data));
    } catch (WorkflowExecutionAlreadyStarted once) {
      // Handed over already: the event is delivered, or being delivered, once.
    }
  }
}
