package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CRM partner flow over HTTP: trigger, text, link, submission, funding, writeback and webhooks. */
@Order(3)
class PartnerFlowTest extends FullStackTest {

  @Test
  void a_crm_triggered_offer_is_finished_by_the_borrower_funded_and_written_back_once_per_status() {
    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    String apiKey = createPartner(partnerId);
    String phone = "+1415" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    String jobId = "JOB-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = financingOffer("CUST-1", phone, jobId, "9000.00");
    String key = UUID.randomUUID().toString();

    var created = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null, body,
        Map.of("X-Api-Key", apiKey, "Idempotency-Key", key));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String applicationId = created.json().path("applicationId").asString();
    assertThat(created.json().path("status").asString()).isEqualTo("INVITED");
    var repeated = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null, body,
        Map.of("X-Api-Key", apiKey, "Idempotency-Key", key));
    assertThat(repeated.status()).isEqualTo(200);
    assertThat(repeated.json().path("applicationId").asString()).isEqualTo(applicationId);

    String token = awaitLinkTextedTo(phone);
    JsonNode prefilled = http.get("/api/v1/borrower-links/" + token, null).json();
    assertThat(prefilled.path("applicationId").asString()).isEqualTo(applicationId);
    assertThat(prefilled.path("customer").path("firstName").asString()).isEqualTo("Ada");
    assertThat(prefilled.path("job").path("id").asString()).isEqualTo(jobId);
    assertThat(prefilled.toString()).doesNotContain("ssn\":").doesNotContain("dateOfBirth\":");

    var submitted = http.post("/api/v1/borrower-links/" + token + "/submit", null, submission());
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String borrowerToken = submitted.json().path("accessToken").asString();
    assertThatProblem(http.post("/api/v1/borrower-links/" + token + "/submit", null, submission()), 409);
    assertThatProblem(http.get("/api/v1/borrower-links/" + token, null), 409);

    awaitApplication(applicationId, borrowerToken, status("OFFERED"));
    JsonNode offers = http.get("/api/v1/applications/" + applicationId + "/offers", borrowerToken).json()
        .path("offers");
    var accepted = http.post("/api/v1/applications/" + applicationId + "/acceptance", borrowerToken,
        Map.of("offerId", offers.get(0).path("offerId").asString(), "signatureName", "Ada Prime"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertThat(awaitApplication(applicationId, borrowerToken, status("FUNDED", "FAILED")).path("status").asString())
        .isEqualTo("FUNDED");

    JsonNode job = awaitHttp(() -> http.get(FullStack.sandbox().baseUrl() + "/sandbox/crm/jobs/" + jobId, null),
        r -> r.status() == 200 && r.json().path("statuses").size() == 3).json();
    assertThat(job.path("statuses").toString()).isEqualTo("[\"SUBMITTED\",\"APPROVED\",\"FUNDED\"]");
    List<String> types = new ArrayList<>();
    awaitHttp(() -> http.get(FullStack.sandbox().baseUrl() + "/sandbox/crm/webhooks", null), r -> {
      types.clear();
      for (JsonNode event : r.json()) {
        if (event.path("applicationId").asString().equals(applicationId)) {
          types.add(event.path("type").asString());
        }
      }
      return types.size() >= 3;
    });
    assertThat(types).containsExactlyInAnyOrder("credit.application.submitted", "credit.application.approved",
        "credit.disbursement.completed");
    assertThat(count("partner_events where application_id = '" + applicationId + "' and delivered_at is not null"))
        .isEqualTo(3);

    // Servicing tells the partner too: a repayment received (due, missed and collection: ServicingScenariosTest).
    String loanId = jdbc.sql("select id::text from loans where application_id = ?::uuid").param(applicationId)
        .query(String.class).single();
    String reference = jdbc.sql("select payment_reference from loans where id = ?::uuid").param(loanId)
        .query(String.class).single();
    var paid = http.post(FullStack.sandbox().baseUrl() + "/sandbox/rails/transfers", null,
        Map.of("paymentReference", reference, "amount", "50.00", "currency", "USD"));
    assertThat(paid.status()).as(paid.text()).isEqualTo(201);
    awaitHttp(() -> http.get(FullStack.sandbox().baseUrl() + "/sandbox/crm/webhooks", null), r -> {
      types.clear();
      for (JsonNode event : r.json()) {
        if (event.path("applicationId").asString().equals(applicationId)) {
          types.add(event.path("type").asString());
        }
      }
      return types.contains("repayment.received");
    });
    assertThat(types).contains("repayment.received");
  }

  @Test
  void a_key_opens_only_its_own_partner_and_a_job_is_financed_once() {
    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    String apiKey = createPartner(partnerId);
    String other = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    createPartner(other);
    Map<String, Object> body = financingOffer("CUST-2", "+14155550123", "JOB-X-" + partnerId, "5000.00");
    long before = count("applications");
    assertThatProblem(http.post("/api/v1/partners/" + other + "/financing-offers", null, body,
        Map.of("X-Api-Key", apiKey)), 404);
    assertThat(count("applications")).isEqualTo(before);
    assertThat(http.post("/api/v1/partners/" + partnerId + "/financing-offers", null, body,
        Map.of("X-Api-Key", apiKey)).status()).isEqualTo(201);
    assertThatProblem(http.post("/api/v1/partners/" + partnerId + "/financing-offers", null, body,
        Map.of("X-Api-Key", apiKey)), 409);
    assertThat(count("applications")).isEqualTo(before + 1);

    var rotated = http.post("/api/v1/admin/partners/" + partnerId + "/api-keys", token("admin-1", "ADMIN"), Map.of());
    assertThat(rotated.status()).isEqualTo(201);
    String newKey = rotated.json().path("apiKey").asString();
    assertThat(newKey).isNotEqualTo(apiKey);
    Map<String, Object> next = financingOffer("CUST-3", "+14155550124", "JOB-Y-" + partnerId, "5000.00");
    assertThat(http.post("/api/v1/partners/" + partnerId + "/financing-offers", null, next,
        Map.of("X-Api-Key", newKey)).status()).isEqualTo(201);
  }

  @Test
  void each_partner_is_limited_at_its_own_rate_with_a_problem_and_retry_after() {
    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    String sandbox = FullStack.sandbox().baseUrl();
    var created = http.post("/api/v1/admin/partners", token("admin-1", "ADMIN"), Map.of("id", partnerId,
        "name", "Tiny CRM", "crmBaseUrl", sandbox, "crmToken", "crm-api-token-123",
        "webhookUrl", sandbox + "/crm/v1/webhooks/tranche", "webhookSecret", "dev-partner-webhook-secret",
        "ratePerMinute", 2));
    String apiKey = created.json().path("apiKey").asString();
    String url = "/api/v1/partners/" + partnerId + "/financing-offers";
    for (int i = 0; i < 2; i++) {
      assertThat(http.post(url, null, financingOffer("C-" + i, "+14155550170", "RL-" + i + "-" + partnerId, "5000.00"),
          Map.of("X-Api-Key", apiKey)).status()).isEqualTo(201);
    }
    long before = count("applications");
    var limited = http.post(url, null, financingOffer("C-9", "+14155550170", "RL-9-" + partnerId, "5000.00"),
        Map.of("X-Api-Key", apiKey));
    assertThatProblem(limited, 429);
    assertThat(limited.header("Retry-After")).isNotBlank();
    assertThat(count("applications")).isEqualTo(before);
    // Another partner has its own budget.
    String otherId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(http.post("/api/v1/partners/" + otherId + "/financing-offers", null,
        financingOffer("C-1", "+14155550171", "RL-1-" + otherId, "5000.00"),
        Map.of("X-Api-Key", createPartner(otherId))).status()).isEqualTo(201);
  }

  static Map<String, Object> submission() {
    return Map.of("dateOfBirth", "1979-02-03", "ssn", "111-11-1111",
        "address", Map.of("line1", "9 Elm St", "city", "Austin", "region", "TX", "postalCode", "78702", "country", "US"),
        "monthlyIncome", 9100.00, "consents", Map.of("creditPull", true, "esignDisclosure", true));
  }

}
