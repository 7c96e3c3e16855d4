package dev.tranche.activities.partner;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Hmac;
import dev.tranche.activities.support.Json;
import dev.tranche.activities.support.RawHttp;
import dev.tranche.common.FailureType;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.partner.CrmWriteback;
import dev.tranche.partner.PartnerActivities;
import dev.tranche.partner.PartnerEvent;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partner's CRM over HTTP. Writebacks carry {@code Idempotency-Key: {applicationId}:{status}}
 * and are remembered once delivered; events are kept in an outbox row and signed
 * {@code X-Tranche-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))} with the event id
 * in {@code X-Tranche-Event-Id} for the partner's de-duplication.
 */
@Component("partnerActivities")
class PartnerActivitiesImpl implements PartnerActivities {

  private final JdbcClient jdbc;
  private final PartnerDirectory partners;
  private final BorrowerLinks links;
  private final NotificationActivities sms;
  private final PartnerProperties properties;
  private final AuditLog audit;
  private final JsonMapper json = Json.MAPPER;
  private final RawHttp http = new RawHttp(Duration.ofSeconds(3), Duration.ofSeconds(10));

  PartnerActivitiesImpl(JdbcClient jdbc, PartnerDirectory partners, BorrowerLinks links, NotificationActivities sms,
      PartnerProperties properties, AuditLog audit) {
    this.jdbc = jdbc;
    this.partners = partners;
    this.links = links;
    this.sms = sms;
    this.properties = properties;
    this.audit = audit;
  }

  @Override
  public void writeBack(CrmWriteback w) {
    boolean done = jdbc.sql("select count(*) from crm_writebacks where application_id = ? and status = ?")
        .params(UUID.fromString(w.applicationId()), w.status()).query(Long.class).single() > 0;
    if (done) {
      return;
    }
    PartnerDirectory.Endpoints crm = endpoints(w.partnerId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", w.status());
    body.put("applicationId", w.applicationId());
    body.put("occurredAt", Instant.now().toString());
    send(w.partnerId(), crm.crmBaseUrl() + "/crm/v1/jobs/" + w.jobId() + "/financing-status",
        Map.of("Authorization", "Bearer " + crm.crmToken(), "Idempotency-Key", w.idempotencyKey(),
            "Content-Type", "application/json"), json.writeValueAsString(body));
    jdbc.sql("insert into crm_writebacks (application_id, status) values (?, ?) on conflict do nothing")
        .params(UUID.fromString(w.applicationId()), w.status()).update();
    audit.record("system:crm", "CRM_WRITEBACK", "application", w.applicationId(),
        Map.of("partner", w.partnerId(), "status", w.status()));
  }

  @Override
  public void deliverEvent(PartnerEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", e.eventId());
    body.put("type", e.type());
    body.put("createdAt", Instant.ofEpochMilli(e.occurredAtMillis()).toString());
    body.put("data", e.data());
    String payload = json.writeValueAsString(body);
    jdbc.sql("""
            insert into partner_events (event_id, partner_id, type, application_id, payload)
            values (?, ?, ?, ?, ?::jsonb) on conflict (event_id) do nothing""")
        .params(e.eventId(), e.partnerId(), e.type(), UUID.fromString(e.applicationId()), payload).update();
    boolean delivered = jdbc.sql("select delivered_at is not null from partner_events where event_id = ?")
        .param(e.eventId()).query(Boolean.class).single();
    if (delivered) {
      return;
    }
    PartnerDirectory.Endpoints partner = endpoints(e.partnerId());
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    jdbc.sql("update partner_events set attempts = attempts + 1 where event_id = ?").param(e.eventId()).update();
    try {
      send(e.partnerId(), partner.webhookUrl(), Map.of("Content-Type", "application/json",
          "X-Tranche-Event-Id", e.eventId(), "X-Tranche-Timestamp", timestamp,
          "X-Tranche-Signature", "v1=" + Hmac.sha256Hex(partner.webhookSecret(), timestamp + "." + payload)), payload);
    } catch (RuntimeException failure) {
      jdbc.sql("update partner_events set last_error = ? where event_id = ?")
          .params(failure.getMessage(), e.eventId()).update();
      throw failure;
    }
    jdbc.sql("update partner_events set delivered_at = now(), last_error = null where event_id = ?")
        .param(e.eventId()).update();
  }

  @Override
  public void sendBorrowerLink(String applicationId) {
    String token = links.tokenOf(applicationId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "no borrower link for " + applicationId, FailureType.NOT_FOUND.name()));
    String partnerName = jdbc.sql("""
            select p.name from partner_jobs j join partners p on p.id = j.partner_id where j.application_id = ?""")
        .param(UUID.fromString(applicationId)).query(String.class).optional().orElse("your contractor");
    sms.sendSms(new Sms("borrower-link:" + applicationId, applicationId, "borrower-link",
        Map.of("partner", partnerName, "link", properties.linkBaseUrl() + "/apply/" + token)));
  }

  @Override
  public boolean borrowerSubmitted(String applicationId) {
    return links.used(applicationId);
  }

  private PartnerDirectory.Endpoints endpoints(String partnerId) {
    return partners.endpoints(partnerId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "unknown partner " + partnerId, FailureType.NOT_FOUND.name()));
  }

  private void send(String partnerId, String url, Map<String, String> headers, String body) {
    http.post(partnerId, url, headers, body, PartnerUnavailableException::new);
  }

  /** A partner endpoint that is down or erroring: Temporal retries with backoff. */
  static final class PartnerUnavailableException extends RuntimeException {
    PartnerUnavailableException(String message) {
      super(message);
    }
  }
}
