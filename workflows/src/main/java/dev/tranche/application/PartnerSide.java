package dev.tranche.application;

import dev.tranche.partner.CrmWriteback;
import dev.tranche.partner.PartnerActivities;
import dev.tranche.partner.PartnerEvent;
import dev.tranche.partner.PartnerRef;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM partner's side of an application it invited: the borrower's link, the CRM job's status
 * written back in order, and signed webhooks. These run alongside the application and are joined
 * before it ends; a partner that stays down never fails the application.
 */
final class PartnerSide {

  private final PartnerActivities crm = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptionsCatalog.crmWriteback());
  private final PartnerActivities invitations = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptionsCatalog.sms());
  private final PartnerActivities webhooks = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptionsCatalog.partnerWebhook());
  private final String applicationId;
  private final PartnerRef ref;
  private final List<Promise<Void>> calls = new ArrayList<>();
  private Promise<Void> writebacks = Workflow.newPromise(null);

  PartnerSide(String applicationId, PartnerRef ref) {
    this.applicationId = applicationId;
    this.ref = ref;
  }

  /** Texts the invited borrower their link; a text that cannot be delivered is logged, not fatal. */
  void sendLink() {
    try {
      invitations.sendBorrowerLink(applicationId);
    } catch (ActivityFailure failure) {
      Workflow.getLogger(PartnerSide.class).warn("link text not delivered for {}", applicationId);
    }
  }

  /** The API commits a submission before it signals: a signal lost in between is found here. */
  boolean submittedWithoutSignal() {
    return crm.borrowerSubmitted(applicationId);
  }

  /** Tells the partner (CRM job status, and a signed webhook when {@code eventType} is given). */
  void tell(String crmStatus, String eventType, Map<String, String> data) {
    if (ref == null) {
      return;
    }
    CrmWriteback writeback = new CrmWriteback(applicationId, ref.partnerId(), ref.jobId(), crmStatus);
    // Writebacks go in order, so the CRM job always ends on the latest status.
    writebacks = writebacks.handle((ok, failure) -> null).thenCompose(ignored -> Async.procedure(crm::writeBack, writeback));
    calls.add(writebacks);
    if (eventType != null) {
      Map<String, String> payload = new HashMap<>(data);
      payload.put("applicationId", applicationId);
      payload.put("jobId", ref.jobId());
      payload.put("status", crmStatus);
      calls.add(Async.procedure(webhooks::deliverEvent, new PartnerEvent("evt_" + applicationId + "_" + eventType,
          ref.partnerId(), eventType, applicationId, Workflow.currentTimeMillis(), payload)));
    }
  }

  /** The application ends only once the partner has been told (or its retries are exhausted). */
  void join() {
    for (Promise<Void> call : calls) {
      try {
        call.get();
      } catch (ActivityFailure failure) {
        Workflow.getLogger(PartnerSide.class).warn("partner update for {} gave up: {}", applicationId,
            failure.getMessage());
      }
    }
  }
}
