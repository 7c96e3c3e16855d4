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
    assertThatProblem(http.post("/api/v1/reviews/" + UUID.randomUUID() + "/decision", token("u", "UNDERWRITER"),
        Map.of("verdict", "MAYBE")), 400);
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
}
