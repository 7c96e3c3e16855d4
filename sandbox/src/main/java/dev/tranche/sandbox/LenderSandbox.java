package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lender's loan API: create a loan, disburse it, read its status, cancel it. Creation and
 * disbursement honour {@code Idempotency-Key}. After a disbursement it marks the loan funded and
 * calls the configured webhook with a signed {@code loan.funded} event
 * ({@code X-Lender-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}).
 */
final class LenderSandbox {

  private static final Logger log = LoggerFactory.getLogger(LenderSandbox.class);

  /** One loan as the lender keeps it. */
  record LenderLoan(String lenderLoanId, String reference, String amount, String ssn, String status, String fundedAt) {

    LenderLoan with(String newStatus, String newFundedAt) {
      return new LenderLoan(lenderLoanId, reference, amount, ssn, newStatus, newFundedAt);
    }

    Map<String, Object> view() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("lenderLoanId", lenderLoanId);
      v.put("reference", reference);
      v.put("amount", amount);
      v.put("status", status);
      v.put("fundedAt", fundedAt);
      return v;
    }
  }

  private final Knobs knobs;
  private final Map<String, LenderLoan> loans = new ConcurrentHashMap<>();
  private final Map<String, String> idempotency = new ConcurrentHashMap<>();
  private final ScheduledExecutorService webhooks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sandbox-lender-webhooks");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  volatile String callbackUrl;
  volatile String webhookSecret;

  LenderSandbox(Knobs knobs, String callbackUrl, String webhookSecret) {
    this.knobs = knobs;
    this.callbackUrl = callbackUrl;
    this.webhookSecret = webhookSecret;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/lender/v1/loans", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          if (key == null || !body.hasNonNull("reference") || !body.hasNonNull("amount")) {
            Exchanges.error(ex, 400, "idempotency_key_reference_and_amount_required");
            return;
          }
          String id = idempotency.computeIfAbsent("create:" + key, k -> {
            String lenderLoanId = "LL-" + UUID.randomUUID();
            loans.put(lenderLoanId, new LenderLoan(lenderLoanId, body.get("reference").asText(),
                body.get("amount").asText(), body.path("borrower").path("ssn").asText(null), "CREATED", null));
            return lenderLoanId;
          });
          Exchanges.json(ex, 201, loans.get(id).view());
        }),
        Route.of("POST", "/lender/v1/loans/([^/]+)/disbursements", (ex, m) -> {
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          LenderLoan loan = loans.get(m.group(1));
          if (loan == null) {
            Exchanges.error(ex, 404, "loan_not_found");
            return;
          }
          if (key == null) {
            Exchanges.error(ex, 400, "idempotency_key_required");
            return;
          }
          if (Persona.forSsn(loan.ssn()).lenderFailsDisbursement()) {
            loans.put(loan.lenderLoanId(), loan.with("FAILED", null));
            Exchanges.error(ex, 422, "disbursement_rejected");
            return;
          }
          if (idempotency.putIfAbsent("disburse:" + key, loan.lenderLoanId()) == null) {
            loans.put(loan.lenderLoanId(), loan.with("PENDING", null));
            webhooks.schedule(() -> fund(loan.lenderLoanId()), knobs.webhookDelayMillis, TimeUnit.MILLISECONDS);
          }
          Exchanges.json(ex, 202, loans.get(loan.lenderLoanId()).view());
        }),
        Route.of("GET", "/lender/v1/loans/([^/]+)", (ex, m) -> {
          LenderLoan loan = loans.get(m.group(1));
          if (loan == null) {
            Exchanges.error(ex, 404, "loan_not_found");
          } else {
            Exchanges.json(ex, 200, loan.view());
          }
        }),
        Route.of("POST", "/lender/v1/loans/([^/]+)/cancel", (ex, m) -> {
          LenderLoan loan = loans.get(m.group(1));
          if (loan == null) {
            Exchanges.error(ex, 404, "loan_not_found");
            return;
          }
          if (!"FUNDED".equals(loan.status())) {
            loans.put(loan.lenderLoanId(), loan.with("CANCELLED", null));
          }
          Exchanges.json(ex, 200, loans.get(loan.lenderLoanId()).view());
        }),
        Route.of("GET", "/sandbox/lender/loans", (ex, m) -> {
          List<Map<String, Object>> all = new ArrayList<>();
          loans.values().forEach(l -> all.add(l.view()));
          Exchanges.json(ex, 200, all);
        }));
  }

  private void fund(String lenderLoanId) {
    LenderLoan funded = loans.computeIfPresent(lenderLoanId, (id, l) ->
        "PENDING".equals(l.status()) ? l.with("FUNDED", Instant.now().toString()) : l);
    if (funded == null || !"FUNDED".equals(funded.status()) || !knobs.webhookEnabled || callbackUrl == null) {
      return;
    }
    try {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", "evt_" + UUID.randomUUID());
      event.put("type", "loan.funded");
      event.put("lenderLoanId", funded.lenderLoanId());
      event.put("reference", funded.reference());
      event.put("amount", funded.amount());
      event.put("fundedAt", funded.fundedAt());
      String body = Exchanges.JSON.writeValueAsString(event);
      String timestamp = String.valueOf(Instant.now().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl))
          .timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json")
          .header("X-Lender-Timestamp", timestamp)
          .header("X-Lender-Signature", "v1=" + sign(timestamp + "." + body))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      log.info("lender webhook loan.funded for {} answered {}", funded.reference(), response.statusCode());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("lender webhook for {} failed: {}", funded.reference(), e.toString());
    }
  }

  private String sign(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  void close() {
    webhooks.shutdownNow();
  }
}
