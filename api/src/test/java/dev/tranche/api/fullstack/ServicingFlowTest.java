package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Servicing over HTTP: the payment webhook (matched and suspense), payoff, the sweep, STOP, ops views. */
@Order(6)
class ServicingFlowTest extends FullStackTest {

  static final String PAYMENTS_SECRET = "dev-payments-webhook-secret";

  private Http.Response payment(String eventId, String reference, String amount, String secret) {
    String body = Http.JSON.writeValueAsString(Map.of("eventId", eventId, "paymentReference", reference,
        "amount", amount, "currency", "USD", "receivedAt", Instant.now().toString()));
    String ts = String.valueOf(Instant.now().getEpochSecond());
    return http.post("/api/v1/webhooks/payments", null, body, Map.of("X-Payments-Timestamp", ts,
        "X-Payments-Signature", "v1=" + hmac("HmacSHA256", secret, ts + "." + body, false)));
  }

  static String hmac(String algorithm, String secret, String payload, boolean base64) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      byte[] raw = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
      return base64 ? Base64.getEncoder().encodeToString(raw) : HexFormat.of().formatHex(raw);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String reference(String loanId) {
    return jdbc.sql("select payment_reference from loans where id = ?::uuid").param(loanId).query(String.class)
        .single();
  }

  private JsonNode statement(String loanId, String token) {
    return http.get("/api/v1/loans/" + loanId + "/statement", token).json();
  }

  @Test
  void the_payment_webhook_applies_a_matched_payment_once_and_parks_an_unmatched_one_in_suspense() {
    String borrower = "servicing-" + UUID.randomUUID();
    String loanId = fundedLoan(borrower);
    String token = token(borrower, "BORROWER");
    BigDecimal principal = amount(statement(loanId, token).path("principal"));
    String eventId = "pay-" + UUID.randomUUID();

    var applied = payment(eventId, reference(loanId), "100.00", PAYMENTS_SECRET);
    assertThat(applied.status()).as(applied.text()).isEqualTo(200);
    assertThat(applied.json().path("status").asString()).isEqualTo("matched");
    assertThat(payment(eventId, reference(loanId), "100.00", PAYMENTS_SECRET).json().path("status").asString())
        .isEqualTo("duplicate");
    awaitHttp(() -> http.get("/api/v1/loans/" + loanId + "/statement", token),
        r -> amount(r.json().path("principal"))
            .compareTo(principal.subtract(new BigDecimal("100.00"))) == 0);
    assertThat(count("ledger_transfers where idempotency_key = 'payment:ext:" + eventId + "'")).isEqualTo(1);

    long suspenseBefore = count("suspense_payments");
    String stray = "stray-" + UUID.randomUUID();
    assertThat(payment(stray, "TRNOSUCHLOAN00", "42.50", PAYMENTS_SECRET).json().path("status").asString())
        .isEqualTo("suspense");
    assertThat(count("suspense_payments")).isEqualTo(suspenseBefore + 1);
    assertThat(count("ledger_transfers where idempotency_key = 'suspense:" + stray + "'")).isEqualTo(1);

    long events = count("webhook_events");
    assertThatProblem(payment("forged-" + UUID.randomUUID(), reference(loanId), "1.00", "not-the-secret"), 401);
    assertThatProblem(payment("bad-" + UUID.randomUUID(), reference(loanId), "-5.00", PAYMENTS_SECRET), 400);
    assertThatProblem(payment("bad-" + UUID.randomUUID(), reference(loanId), "1.001", PAYMENTS_SECRET), 400);
    assertThatProblem(payment("bad-" + UUID.randomUUID(), "lowercase-ref", "1.00", PAYMENTS_SECRET), 400);
    String body = Http.JSON.writeValueAsString(Map.of("eventId", "bad-excess", "paymentReference", reference(loanId),
        "amount", "5.00", "currency", "USD", "applyExcessTo", "SOMEWHERE"));
    String ts = String.valueOf(Instant.now().getEpochSecond());
    assertThatProblem(http.post("/api/v1/webhooks/payments", null, body, Map.of("X-Payments-Timestamp", ts,
        "X-Payments-Signature", "v1=" + hmac("HmacSHA256", PAYMENTS_SECRET, ts + "." + body, false))), 400);
    assertThat(count("webhook_events")).isEqualTo(events);
  }

  @Test
  void a_payoff_quote_paid_through_the_webhook_closes_the_loan_with_a_zero_ledger() {
    String borrower = "payoff-" + UUID.randomUUID();
    String loanId = fundedLoan(borrower);
    String token = token(borrower, "BORROWER");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    var quote = http.post("/api/v1/loans/" + loanId + "/payoff-quote", token, Map.of("validOn", today.toString()));
    assertThat(quote.status()).as(quote.text()).isEqualTo(200);
    String amount = amount(quote.json().path("amount")).toPlainString();
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/payoff-quote", token,
        Map.of("validOn", today.plusDays(90).toString())), 409);
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/payoff-quote", token, Map.of()), 400);
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/payoff-quote", token("stranger", "BORROWER"),
        Map.of("validOn", today.toString())), 404);

    assertThat(payment("payoff-" + UUID.randomUUID(), reference(loanId), amount, PAYMENTS_SECRET).status())
        .isEqualTo(200);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!"PAID".equals(jdbc.sql("select status from loans where id = ?::uuid").param(loanId).query(String.class)
        .single()) && System.currentTimeMillis() < deadline) {
      sleep(100);
    }
    assertThat(jdbc.sql("select status from loans where id = ?::uuid").param(loanId).query(String.class).single())
        .isEqualTo("PAID");
    BigDecimal receivable = jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code like ?""")
        .param("loan:" + loanId + ":%").query(BigDecimal.class).single();
    assertThat(receivable).isEqualByComparingTo("0.00");
  }

  @Test
  void reschedules_and_promises_are_refused_with_reasons_and_roles() {
    String borrower = "resched-" + UUID.randomUUID();
    String loanId = fundedLoan(borrower);
    String token = token(borrower, "BORROWER");
    String ops = token("ops-1", "OPS");
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/reschedule", token,
        Map.of("remainingInstallments", 24, "reason", "hardship")), 403);
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/reschedule", ops,
        Map.of("remainingInstallments", 0, "reason", "hardship")), 400);
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/reschedule", ops,
        Map.of("remainingInstallments", 24)), 400);
    assertThatProblem(http.post("/api/v1/loans/" + UUID.randomUUID() + "/reschedule", ops,
        Map.of("remainingInstallments", 24, "reason", "hardship")), 404);
    var rescheduled = http.post("/api/v1/loans/" + loanId + "/reschedule", ops,
        Map.of("remainingInstallments", 48, "reason", "hardship: reduced hours"));
    assertThat(rescheduled.status()).as(rescheduled.text()).isEqualTo(200);
    assertThat(rescheduled.json().path("scheduleVersion").asInt()).isEqualTo(2);
    // Nothing is past due yet, so a promise to pay has nothing to promise.
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/promises", token,
        Map.of("date", LocalDate.now(ZoneOffset.UTC).plusDays(5).toString())), 409);
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/promises", token, Map.of("date", "someday")), 400);
  }

  @Test
  void the_sweep_runs_once_per_business_date_and_ops_see_the_portfolio_and_a_balanced_ledger() {
    String scheduler = token("cron-1", "SCHEDULER");
    // A date no other test sweeps (the console tests take 1-150 and 301-360 days ago).
    LocalDate date = LocalDate.now(ZoneOffset.UTC).minusDays(151 + (int) (Math.random() * 150));
    var first = http.post("/api/v1/collections/sweeps", scheduler, Map.of("businessDate", date.toString()));
    assertThat(first.status()).as(first.text()).isEqualTo(202);
    awaitHttp(() -> http.post("/api/v1/collections/sweeps", scheduler, Map.of("businessDate", date.toString())),
        r -> r.status() == 200 && r.json().has("report"));
    var again = http.post("/api/v1/collections/sweeps", scheduler, Map.of("businessDate", date.toString()));
    assertThat(again.json().path("status").asString()).isEqualTo("ALREADY_RAN");
    assertThat(count("collection_sweeps where business_date = '" + date + "'")).isEqualTo(1);
    // Ops read the sweep's history too, though sweeps never write the workflow runs read model.
    var sweepHistory = http.get("/api/v1/ops/workflows/" + first.json().path("workflowId").asString() + "/history",
        token("ops-1", "OPS"));
    assertThat(sweepHistory.status()).as(sweepHistory.text()).isEqualTo(200);
    assertThat(sweepHistory.json().path("events").size()).isPositive();
    assertThat(sweepHistory.json().path("runId").asString()).hasSize(36);
    assertThatProblem(http.get("/api/v1/ops/workflows/collections-sweep-1999-01-01/history", token("ops-1", "OPS")),
        404);
    assertThatProblem(http.post("/api/v1/collections/sweeps", token("b", "BORROWER"), Map.of()), 403);
    assertThatProblem(http.post("/api/v1/collections/sweeps", scheduler,
        Map.of("businessDate", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString())), 400);
    assertThatProblem(http.post("/api/v1/collections/sweeps", scheduler, Map.of("businessDate", "yesterday")), 400);

    String ops = token("ops-1", "OPS");
    JsonNode portfolio = http.get("/api/v1/portfolio/delinquency", ops).json();
    assertThat(portfolio.path("buckets").size()).isEqualTo(5);
    assertThat(portfolio.path("buckets").get(0).path("bucket").asString()).isEqualTo("current");
    JsonNode trial = http.get("/api/v1/ledger/trial-balance", ops).json();
    assertThat(trial.path("balanced").asBoolean()).isTrue();
    assertThat(amount(trial.path("debits"))).isEqualByComparingTo(amount(trial.path("credits")));
    assertThatProblem(http.get("/api/v1/ledger/trial-balance", token("b", "BORROWER")), 403);
  }

  @Test
  void a_stop_reply_is_signature_checked_recorded_and_audited() {
    String phone = "+1415" + (3_000_000 + (int) (Math.random() * 6_000_000));
    String url = "http://127.0.0.1:" + port + "/api/v1/webhooks/twilio/sms";
    Map<String, String> params = new java.util.TreeMap<>(Map.of("From", phone, "Body", "STOP",
        "MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")));
    StringBuilder signed = new StringBuilder(url);
    params.forEach((k, v) -> signed.append(k).append(v));
    String signature = hmac("HmacSHA1", "dev-twilio-token", signed.toString(), true);
    StringBuilder form = new StringBuilder();
    params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));

    assertThatProblem(http.postForm(url, form.toString(), Map.of("X-Twilio-Signature", "forged")), 401);
    assertThat(count("sms_consents where phone = '" + phone + "'")).isZero();
    var stop = http.postForm(url, form.toString(), Map.of("X-Twilio-Signature", signature));
    assertThat(stop.status()).as(stop.text()).isEqualTo(200);
    assertThat(count("sms_consents where phone = '" + phone + "' and opted_out")).isEqualTo(1);
    assertThat(count("audit_log where action = 'SMS_OPTED_OUT' and subject_id = '***" + phone.substring(8) + "'"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void behind_a_tls_terminating_proxy_twilio_signs_the_public_url_and_the_check_still_holds() {
    String phone = "+1415" + (3_000_000 + (int) (Math.random() * 6_000_000));
    // Twilio called https://sms.tranche.example/…; the proxy on loopback forwards it over plain HTTP.
    String publicUrl = "https://sms.tranche.example/api/v1/webhooks/twilio/sms";
    Map<String, String> params = new java.util.TreeMap<>(Map.of("From", phone, "Body", "STOP",
        "MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")));
    StringBuilder signed = new StringBuilder(publicUrl);
    params.forEach((k, v) -> signed.append(k).append(v));
    String signature = hmac("HmacSHA1", "dev-twilio-token", signed.toString(), true);
    StringBuilder form = new StringBuilder();
    params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
        .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    var stop = http.postForm("http://127.0.0.1:" + port + "/api/v1/webhooks/twilio/sms", form.toString(),
        Map.of("X-Twilio-Signature", signature, "X-Forwarded-Proto", "https", "X-Forwarded-Host",
            "sms.tranche.example"));
    assertThat(stop.status()).as(stop.text()).isEqualTo(200);
    assertThat(count("sms_consents where phone = '" + phone + "' and opted_out")).isEqualTo(1);
  }
}
