package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Every bad input is a 4xx problem+json and writes nothing. */
@org.junit.jupiter.api.Order(2)
class BadInputTest extends FullStackTest {

  private void rejected(String borrower, Consumer<Map<String, Object>> corrupt) {
    Map<String, Object> body = application("123-45-6789");
    corrupt.accept(body);
    long before = count("applications");
    var response = http.post("/api/v1/applications", token(borrower, "BORROWER"), body);
    assertThatProblem(response, 400);
    assertThat(count("applications")).isEqualTo(before);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> applicant(Map<String, Object> body) {
    Map<String, Object> applicant = new LinkedHashMap<>((Map<String, Object>) body.get("applicant"));
    body.put("applicant", applicant);
    return applicant;
  }

  @Test
  void invalid_applications_are_refused_and_nothing_is_written() {
    rejected("b1", b -> b.remove("applicant"));
    rejected("b1", b -> applicant(b).put("ssn", "12-345"));
    rejected("b1", b -> applicant(b).put("phone", "555-0100"));
    rejected("b1", b -> applicant(b).put("email", "not-an-email"));
    rejected("b1", b -> applicant(b).put("dateOfBirth", "2015-01-01"));
    rejected("b1", b -> applicant(b).put("dateOfBirth", "yesterday"));
    rejected("b1", b -> applicant(b).put("monthlyIncome", "lots"));
    rejected("b1", b -> applicant(b).put("firstName", "x".repeat(10_000)));
    rejected("b1", b -> b.put("requestedAmount", Map.of("amount", -5, "currency", "USD")));
    rejected("b1", b -> b.put("requestedAmount", Map.of("amount", 1e12, "currency", "USD")));
    rejected("b1", b -> b.put("requestedAmount", Map.of("amount", 1000.001, "currency", "USD")));
    rejected("b1", b -> b.put("requestedAmount", Map.of("amount", 1000, "currency", "BTC")));
    rejected("b1", b -> b.put("consents", Map.of("creditPull", false, "esignDisclosure", true)));
    long before = count("applications");
    assertThatProblem(http.post("/api/v1/applications", token("b1", "BORROWER"), "{not json"), 400);
    assertThatProblem(http.post("/api/v1/applications", token("b1", "BORROWER"), "[]"), 400);
    assertThat(count("applications")).isEqualTo(before);
  }

  @Test
  void authentication_and_roles_are_enforced_with_problems() {
    assertThatProblem(http.post("/api/v1/applications", null, application("123-45-6789")), 401);
    assertThatProblem(http.post("/api/v1/applications", "not-a-jwt", application("123-45-6789")), 401);
    assertThatProblem(http.post("/api/v1/applications", token("u", "UNDERWRITER"), application("123-45-6789")), 403);
    assertThatProblem(http.get("/api/v1/reviews", token("b", "BORROWER")), 403);
    assertThatProblem(http.get("/api/v1/ops/workflows", token("b", "BORROWER")), 403);
    assertThatProblem(http.get("/api/v1/applications/not-a-uuid", token("b", "BORROWER")), 400);
    assertThatProblem(http.get("/api/v1/applications/" + UUID.randomUUID(), token("b", "BORROWER")), 404);
    assertThatProblem(http.get("/api/v1/loans/" + UUID.randomUUID(), token("b", "BORROWER")), 404);
    assertThatProblem(http.get("/api/v1/reviews?status=WHATEVER", token("u", "UNDERWRITER")), 400);
    assertThatProblem(http.post("/api/v1/reviews/" + UUID.randomUUID() + "/decision", token("u", "UNDERWRITER"),
        Map.of("verdict", "APPROVE", "reasonCodes", List.of("VERIFIED_INCOME"))), 404);
    assertThatProblem(http.post("/api/v1/reviews/" + UUID.randomUUID() + "/decision", token("u", "UNDERWRITER"),
        Map.of("verdict", "APPROVE")), 400);
    var maybe = http.post("/api/v1/reviews/" + UUID.randomUUID() + "/decision", token("u", "UNDERWRITER"),
        Map.of("verdict", "MAYBE"));
    assertThatProblem(maybe, 400);
    // An invalid enum value is answered with the values allowed.
    assertThat(maybe.json().path("detail").asString()).isEqualTo("verdict: \"MAYBE\" is not one of APPROVE, "
        + "DECLINE, EXPIRED, COUNTER_OFFER");
    assertThat(maybe.json().path("allowedValues").toString()).contains("COUNTER_OFFER");
    assertThatProblem(http.get("/api/v1/ops/workflows/not_a_workflow/history", token("o", "OPS")), 400);
    assertThatProblem(http.post("/api/v1/dev/tokens", null, Map.of("subject", "x", "roles", java.util.List.of("GOD"))),
        400);
  }

  @Test
  void an_idempotency_key_returns_the_same_application_and_refuses_a_different_body() {
    String token = token("idem-" + UUID.randomUUID(), "BORROWER");
    Map<String, String> key = Map.of("Idempotency-Key", "key-" + UUID.randomUUID());
    var first = http.post("/api/v1/applications", token, application("123-45-6789"), key);
    var again = http.post("/api/v1/applications", token, application("123-45-6789"), key);
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("applicationId").asString()).isEqualTo(first.json().path("applicationId").asString());
    long before = count("applications");
    Map<String, Object> other = application("123-45-6789");
    other.put("purpose", "a different purpose");
    assertThatProblem(http.post("/api/v1/applications", token, other, key), 409);
    assertThat(count("applications")).isEqualTo(before);
  }

  @Test
  void acceptance_of_a_bad_offer_is_a_conflict_and_signs_nothing() {
    String borrower = "accept-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    String id = http.post("/api/v1/applications", token, application("123-45-6789")).json().path("applicationId")
        .asString();
    awaitApplication(id, token, status("OFFERED", "IN_REVIEW", "DECLINED"));
    assertThatProblem(http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", "OFR-Z-1", "signatureName", "Ada")), 409);
    assertThatProblem(http.post("/api/v1/applications/" + id + "/acceptance", token, Map.of("offerId", "OFR-A-24")),
        400);
    assertThatProblem(http.post("/api/v1/applications/" + id + "/acceptance", token("other", "BORROWER"),
        Map.of("offerId", "OFR-A-24", "signatureName", "Eve")), 404);
    assertThat(count("signatures where application_id = '" + id + "'")).isZero();
  }

  @Test
  void webhooks_need_a_fresh_valid_signature_and_replays_are_acknowledged_once() throws Exception {
    String path = "/api/v1/webhooks/lenders/sandbox-lender";
    String eventId = "evt_" + UUID.randomUUID();
    String body = "{\"eventId\":\"" + eventId + "\",\"type\":\"loan.note\",\"reference\":\"x\"}";
    long before = count("webhook_events");
    String now = String.valueOf(Instant.now().getEpochSecond());
    assertThatProblem(http.post(path, null, body), 401);
    assertThatProblem(http.post(path, null, body, Map.of("X-Lender-Timestamp", now,
        "X-Lender-Signature", "v1=" + "00".repeat(32))), 401);
    String stale = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
    assertThatProblem(http.post(path, null, body, Map.of("X-Lender-Timestamp", stale,
        "X-Lender-Signature", sign(stale, body))), 401);
    assertThatProblem(http.post(path, null, body, Map.of("X-Lender-Timestamp", now,
        "X-Lender-Signature", "v1=zz")), 401);
    assertThatProblem(http.post("/api/v1/webhooks/lenders/unknown-lender", null, body, Map.of(
        "X-Lender-Timestamp", now, "X-Lender-Signature", sign(now, body))), 404);
    assertThat(count("webhook_events")).isEqualTo(before);

    var first = http.post(path, null, body, Map.of("X-Lender-Timestamp", now, "X-Lender-Signature", sign(now, body)));
    var replay = http.post(path, null, body, Map.of("X-Lender-Timestamp", now, "X-Lender-Signature", sign(now, body)));
    assertThat(first.json().path("status").asString()).isEqualTo("accepted");
    assertThat(replay.json().path("status").asString()).isEqualTo("duplicate");
    assertThat(count("webhook_events")).isEqualTo(before + 1);
  }

  private static String sign(String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(FullStack.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void the_partner_endpoint_refuses_bad_keys_and_bad_bodies_and_writes_nothing() {
    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    String apiKey = createPartner(partnerId);
    String url = "/api/v1/partners/" + partnerId + "/financing-offers";
    Map<String, Object> good = financingOffer("CUST-9", "+14155550199", "JOB-BAD-" + partnerId, "5000.00");
    long applications = count("applications");
    long jobs = count("partner_jobs");
    long links = count("borrower_links");

    assertThatProblem(http.post(url, null, good, Map.of()), 401);
    assertThatProblem(http.post(url, null, good, Map.of("X-Api-Key", "tpk_wrong_key_0123456789abcdef")), 401);
    assertThatProblem(http.post(url, token("b", "BORROWER"), good, Map.of()), 401);
    assertThatProblem(http.post("/api/v1/partners/no-such-partner/financing-offers", null, good,
        Map.of("X-Api-Key", apiKey)), 404);
    assertThatProblem(http.get(url, null), 401);
    List<Consumer<Map<String, Object>>> corruptions = List.of(
        b -> b.remove("customer"),
        b -> b.remove("job"),
        b -> b.put("crmCustomerId", ""),
        b -> b.put("crmCustomerId", "x".repeat(10_000)),
        b -> part(b, "customer").put("phone", "555-0100"),
        b -> part(b, "customer").put("email", "nope"),
        b -> part(b, "customer").put("firstName", "x".repeat(10_000)),
        b -> part(b, "job").put("id", "job with spaces"),
        b -> part(b, "job").put("description", "x".repeat(100_000)),
        b -> part(b, "job").put("estimate", Map.of("amount", "lots", "currency", "USD")),
        b -> part(b, "job").put("estimate", Map.of("amount", -5, "currency", "USD")),
        b -> part(b, "job").put("estimate", Map.of("amount", 1e12, "currency", "USD")),
        b -> part(b, "job").put("estimate", Map.of("amount", 100.001, "currency", "USD")),
        b -> part(b, "job").put("estimate", Map.of("amount", 5000, "currency", "EUR")),
        b -> part(b, "job").put("estimate", List.of(1, 2)));
    for (Consumer<Map<String, Object>> corrupt : corruptions) {
      Map<String, Object> body = new LinkedHashMap<>(good);
      corrupt.accept(body);
      assertThatProblem(http.post(url, null, body, Map.of("X-Api-Key", apiKey)), 400);
    }
    assertThatProblem(http.post(url, null, "{not json", Map.of("X-Api-Key", apiKey)), 400);
    assertThatProblem(http.post(url, null, "[]", Map.of("X-Api-Key", apiKey)), 400);
    assertThatProblem(http.post(url, null, good, Map.of("X-Api-Key", apiKey, "Idempotency-Key", "k".repeat(300))), 400);
    assertThat(count("applications")).isEqualTo(applications);
    assertThat(count("partner_jobs")).isEqualTo(jobs);
    assertThat(count("borrower_links")).isEqualTo(links);
  }

  @Test
  void a_cancellation_needs_a_reason_and_an_ops_role_and_an_unsigned_application() {
    String ops = token("ops-1", "OPS");
    String unknown = UUID.randomUUID().toString();
    long audited = count("audit_log where action = 'APPLICATION_CANCELLED'");
    assertThatProblem(http.post("/api/v1/ops/applications/" + unknown + "/cancellation", ops, Map.of()), 400);
    assertThatProblem(http.post("/api/v1/ops/applications/" + unknown + "/cancellation", ops,
        Map.of("reason", "x".repeat(501))), 400);
    assertThatProblem(http.post("/api/v1/ops/applications/" + unknown + "/cancellation", ops,
        Map.of("reason", "duplicate")), 404);
    assertThatProblem(http.post("/api/v1/ops/applications/" + unknown + "/cancellation",
        token("ada", "BORROWER"), Map.of("reason", "duplicate")), 403);
    String loanId = fundedLoan("cancel-late-" + UUID.randomUUID());
    String applicationId = jdbc.sql("select application_id::text from loans where id = ?::uuid").param(loanId)
        .query(String.class).single();
    assertThatProblem(http.post("/api/v1/ops/applications/" + applicationId + "/cancellation", ops,
        Map.of("reason", "too late")), 409);
    assertThat(count("audit_log where action = 'APPLICATION_CANCELLED'")).isEqualTo(audited);
  }

  @Test
  void borrower_links_refuse_unknown_expired_and_bad_submissions_and_write_nothing() {
    assertThatProblem(http.get("/api/v1/borrower-links/short", null), 404);
    assertThatProblem(http.get("/api/v1/borrower-links/" + "A".repeat(43), null), 404);
    assertThatProblem(http.post("/api/v1/borrower-links/" + "A".repeat(43) + "/submit", null,
        PartnerFlowTest.submission()), 404);

    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    String apiKey = createPartner(partnerId);
    String phone = "+1415" + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7_999_999));
    var created = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null,
        financingOffer("CUST-8", phone, "JOB-L-" + partnerId, "5000.00"), Map.of("X-Api-Key", apiKey));
    String applicationId = created.json().path("applicationId").asString();
    String token = awaitHttp(() -> http.get(FullStack.sandbox().baseUrl() + "/sandbox/twilio/messages", null),
        r -> r.text().contains(phone)).json().valueStream()
        .filter(m -> m.path("to").asString().equals(phone)).findFirst().orElseThrow()
        .path("body").asString().replaceAll(".*/apply/([A-Za-z0-9_-]+).*", "$1");

    List<Consumer<Map<String, Object>>> corruptions = List.of(
        b -> b.remove("ssn"),
        b -> b.put("ssn", "12-345"),
        b -> b.put("dateOfBirth", "2015-01-01"),
        b -> b.put("dateOfBirth", "soon"),
        b -> b.put("monthlyIncome", -1),
        b -> b.put("monthlyIncome", "plenty"),
        b -> b.put("address", Map.of("line1", "x".repeat(10_000), "city", "Austin", "region", "TX",
            "postalCode", "78702", "country", "US")),
        b -> b.put("consents", Map.of("creditPull", false, "esignDisclosure", true)));
    for (Consumer<Map<String, Object>> corrupt : corruptions) {
      Map<String, Object> body = new LinkedHashMap<>(PartnerFlowTest.submission());
      corrupt.accept(body);
      assertThatProblem(http.post("/api/v1/borrower-links/" + token + "/submit", null, body), 400);
    }
    assertThatProblem(http.post("/api/v1/borrower-links/" + token + "/submit", null, "{oops"), 400);
    assertThat(count("borrower_links where application_id = '" + applicationId + "' and used_at is null")).isEqualTo(1);
    assertThat(count("applicants a join applications ap on ap.applicant_id = a.id where ap.id = '" + applicationId
        + "' and a.ssn_ciphertext is null")).isEqualTo(1);

    jdbc.sql("update borrower_links set expires_at = now() - interval '1 minute' where application_id = ?::uuid")
        .param(applicationId).update();
    assertThatProblem(http.get("/api/v1/borrower-links/" + token, null), 410);
    assertThatProblem(http.post("/api/v1/borrower-links/" + token + "/submit", null, PartnerFlowTest.submission()), 410);
    assertThat(count("borrower_links where application_id = '" + applicationId + "' and used_at is null")).isEqualTo(1);
  }

  @Test
  void review_and_admin_endpoints_refuse_bad_input_with_problems() {
    String uw = token("u", "UNDERWRITER");
    String unknown = "/api/v1/reviews/" + UUID.randomUUID();
    assertThatProblem(http.post(unknown + "/claim", uw, Map.of()), 404);
    assertThatProblem(http.post(unknown + "/release", uw, Map.of()), 404);
    assertThatProblem(http.post("/api/v1/reviews/not-a-uuid/claim", uw, Map.of()), 400);
    assertThatProblem(http.get("/api/v1/reviews?sort=loudest", uw), 400);
    assertThatProblem(http.post(unknown + "/decision", uw, Map.of("verdict", "DECLINE",
        "reasonCodes", List.of("A_B", "C_D", "E_F", "G_H", "I_J"))), 400);
    assertThatProblem(http.post(unknown + "/decision", uw, Map.of("verdict", "DECLINE",
        "reasonCodes", List.of("lower case"))), 400);
    assertThatProblem(http.post(unknown + "/decision", uw, Map.of("verdict", "COUNTER_OFFER",
        "reasonCodes", List.of("HIGH_DTI"), "counterAmount", Map.of("amount", -100, "currency", "USD"))), 400);
    assertThatProblem(http.post(unknown + "/decision", uw, Map.of("verdict", "APPROVE",
        "reasonCodes", List.of("OK"), "downPayment", Map.of("amount", 100, "currency", "USD"))), 400);
    assertThatProblem(http.post(unknown + "/decision", uw, Map.of("verdict", "EXPIRED", "reasonCodes", List.of("OK"))),
        400);
    assertThatProblem(http.post(unknown + "/claim", token("b", "BORROWER"), Map.of()), 403);

    String admin = token("a", "ADMIN");
    long partners = count("partners");
    assertThatProblem(http.post("/api/v1/admin/partners", uw, Map.of()), 403);
    assertThatProblem(http.post("/api/v1/admin/partners", admin, Map.of("id", "Bad Id!", "name", "x",
        "crmBaseUrl", "http://crm", "crmToken", "token-123456", "webhookUrl", "http://crm/hook",
        "webhookSecret", "s".repeat(32))), 400);
    assertThatProblem(http.post("/api/v1/admin/partners", admin, Map.of("id", "ok-id", "name", "x",
        "crmBaseUrl", "ftp://crm", "crmToken", "token-123456", "webhookUrl", "http://crm/hook",
        "webhookSecret", "short")), 400);
    assertThat(count("partners")).isEqualTo(partners);
    String existing = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    createPartner(existing);
    assertThatProblem(http.post("/api/v1/admin/partners", admin, Map.of("id", existing, "name", "again",
        "crmBaseUrl", "http://crm", "crmToken", "token-123456", "webhookUrl", "http://crm/hook",
        "webhookSecret", "s".repeat(32))), 409);
    assertThatProblem(http.post("/api/v1/admin/partners/nobody-here/api-keys", admin, Map.of()), 404);
    assertThat(count("partners")).isEqualTo(partners + 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> part(Map<String, Object> body, String name) {
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) body.get(name));
    body.put(name, copy);
    return copy;
  }
}
