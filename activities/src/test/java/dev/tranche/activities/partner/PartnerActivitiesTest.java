package dev.tranche.activities.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.partner.CrmWriteback;
import dev.tranche.partner.PartnerActivities;
import dev.tranche.partner.PartnerEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Partners against the CRM sandbox over HTTP: keys, links, writebacks once, signed events, the link text. */
class PartnerActivitiesTest extends ActivitiesIntegrationTest {

  @Autowired
  PartnerDirectory partners;
  @Autowired
  PartnerActivities activities;
  @Autowired
  BorrowerLinks links;
  @Autowired
  ApplicantStore applicants;
  @Autowired
  JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private String partnerId;
  private String apiKey;
  private final String applicationId = UUID.randomUUID().toString();

  @BeforeEach
  void partner() {
    partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    apiKey = partners.create(new PartnerDirectory.NewPartner(partnerId, "Acme Pest Control", SANDBOX.baseUrl(),
        "crm-api-token-123", SANDBOX.baseUrl() + "/crm/v1/webhooks/tranche", "dev-partner-webhook-secret"), "admin-1");
    applicants.createInvited(applicationId, "crm:" + partnerId + ":C-1", "Ada", "Prime", "ada@example.test",
        "+15005550101", new BigDecimal("8000.00"), "USD", "JOB-1 termite treatment", "partner:" + partnerId);
    jdbc.sql("""
            insert into partner_jobs (application_id, partner_id, crm_customer_id, job_id, job_description,
              estimate_amount, currency) values (?, ?, 'C-1', ?, 'termite treatment', 8000.00, 'USD')""")
        .params(UUID.fromString(applicationId), partnerId, "JOB-" + applicationId).update();
  }

  @Test
  void api_keys_are_stored_hashed_and_rotation_keeps_the_old_key_for_the_grace_period() {
    assertThat(partners.authenticate(apiKey)).hasValue(new PartnerDirectory.Caller(partnerId, 100));
    assertThat(partners.authenticate(apiKey + "x")).isEmpty();
    assertThat(jdbc.sql("select count(*) from partner_api_keys where key_hash = ?").param(apiKey)
        .query(Long.class).single()).isZero();

    String rotated = partners.rotateKey(partnerId, "admin-1");
    assertThat(partners.authenticate(rotated)).map(PartnerDirectory.Caller::partnerId).hasValue(partnerId);
    assertThat(partners.authenticate(apiKey)).as("old key still valid during the grace period").map(PartnerDirectory.Caller::partnerId).hasValue(partnerId);
    jdbc.sql("update partner_api_keys set expires_at = now() - interval '1 second' where key_hash = ?")
        .param(PartnerDirectory.sha256(apiKey)).update();
    assertThat(partners.authenticate(apiKey)).isEmpty();
    assertThat(partners.authenticate(rotated)).map(PartnerDirectory.Caller::partnerId).hasValue(partnerId);
  }

  @Test
  void a_link_is_used_once_and_its_text_carries_it() throws Exception {
    String token = links.mint(applicationId, Instant.now().plus(24, ChronoUnit.HOURS));
    assertThat(links.find(token)).hasValueSatisfying(l -> assertThat(l.applicationId()).isEqualTo(applicationId));
    assertThat(activities.borrowerSubmitted(applicationId)).isFalse();

    activities.sendBorrowerLink(applicationId);
    activities.sendBorrowerLink(applicationId);
    String messages = get("/sandbox/twilio/messages");
    assertThat(messages.split("/apply/" + token, -1)).as("texted once").hasSize(2);
    assertThat(messages).contains("Acme Pest Control");

    assertThat(links.consume(token)).isTrue();
    assertThat(links.consume(token)).as("a used link").isFalse();
    assertThat(activities.borrowerSubmitted(applicationId)).isTrue();
    assertThat(jdbc.sql("select count(*) from borrower_links where token_hash = ? or token_ciphertext::text like ?")
        .params(token, "%" + token + "%").query(Long.class).single()).as("the token is not stored in clear").isZero();
  }

  @Test
  void a_writeback_lands_once_even_when_the_crm_fails_first_and_is_called_again() throws Exception {
    CrmWriteback submitted = new CrmWriteback(applicationId, partnerId, "JOB-" + applicationId, "SUBMITTED");
    post("/sandbox/crm/knobs", "{\"writebackFailures\":1}");
    assertThatThrownBy(() -> activities.writeBack(submitted))
        .isInstanceOf(PartnerActivitiesImpl.PartnerUnavailableException.class);
    activities.writeBack(submitted);
    activities.writeBack(submitted);
    activities.writeBack(new CrmWriteback(applicationId, partnerId, "JOB-" + applicationId, "APPROVED"));

    String job = get("/sandbox/crm/jobs/JOB-" + applicationId);
    assertThat(job).contains("\"statuses\":[\"SUBMITTED\",\"APPROVED\"]").contains("\"deliveries\":2");
  }

  @Test
  void events_are_signed_kept_in_the_outbox_and_delivered_at_least_once() throws Exception {
    PartnerEvent event = new PartnerEvent("evt_" + applicationId + "_submitted", partnerId,
        PartnerEvent.SUBMITTED, applicationId, System.currentTimeMillis(), Map.of("applicationId", applicationId));
    post("/sandbox/crm/knobs", "{\"webhookFailures\":1}");
    assertThatThrownBy(() -> activities.deliverEvent(event)).isInstanceOf(RuntimeException.class);
    activities.deliverEvent(event);
    activities.deliverEvent(event);

    assertThat(get("/sandbox/crm/webhooks").split(event.eventId(), -1)).as("one accepted delivery").hasSize(2);
    var row = jdbc.sql("select attempts, delivered_at is not null from partner_events where event_id = ?")
        .param(event.eventId()).query((rs, n) -> new Object[] {rs.getInt(1), rs.getBoolean(2)}).single();
    assertThat(row[0]).isEqualTo(2);
    assertThat(row[1]).isEqualTo(true);
  }

  private String get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private void post(String path, String body) throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
