package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lenders' loan APIs: create a loan, disburse it, read its status, find it by our reference,
 * cancel it. Every lender has its own, under {@code /lenders/{lender}/v1/loans} (the single lender of
 * earlier releases, {@code sandbox-lender}, keeps {@code /lender/v1/loans}). Creation and disbursement
 * honour {@code Idempotency-Key}, per lender. After a disbursement the loan is funded and the lender
 * calls its webhook with a signed {@code loan.funded} event
 * ({@code X-Lender-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}): the URL is the
 * configured callback ({@code sandbox-lender}'s) with its last segment replaced by the lender's name, the secret its own
 * (the shared one unless set). Per-lender knobs ({@code POST /sandbox/lenders/{name}/funding-knobs}:
 * errorRate) make one lender's loan API answer 503.
 */
final class LenderSandbox {

  private static final Logger log = LoggerFactory.getLogger(LenderSandbox.class);
  static final String LEGACY = "sandbox-lender";
  private static final String LENDER = "/(?:lender|lenders/([a-z0-9-]+))/v1/loans";

  /** One loan as a lender keeps it. */
  record LenderLoan(String lender, String lenderLoanId, String reference, String amount, String ssn, String status,
      String fundedAt) {

    LenderLoan with(String newStatus, String newFundedAt) {
      return new LenderLoan(lender, lenderLoanId, reference, amount, ssn, newStatus, newFundedAt);
    }

    Map<String, Object> view() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("lender", lender);
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
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
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

  /** The secret {@code lender} signs its webhooks with. */
  void secret(String lender, String secret) {
    secrets.put(lender, secret);
  }

  private static String lender(Matcher m) {
    return m.group(1) == null ? LEGACY : m.group(1);
  }

  /** A lender's own loan, or null when the id is unknown to that lender. */
  private LenderLoan loan(Matcher m, int group) {
    LenderLoan loan = loans.get(m.group(group));
    return loan != null && loan.lender().equals(lender(m)) ? loan : null;
  }

  private boolean failing(com.sun.net.httpserver.HttpExchange ex, Matcher m) throws java.io.IOException {
    double rate = errorRates.getOrDefault(lender(m), 0.0);
    if (rate > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < rate) {
      Exchanges.error(ex, 503, "lender_unavailable");
      return true;
    }
    return false;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", LENDER, (ex, m) -> {
          if (failing(ex, m)) {
            return;
          }
          JsonNode body = Exchanges.jsonBody(ex);
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          if (key == null || !body.hasNonNull("reference") || !body.hasNonNull("amount")) {
            Exchanges.error(ex, 400, "idempotency_key_reference_and_amount_required");
            return;
          }
          String lender = lender(m);
          String id = idempotency.computeIfAbsent(lender + ":create:" + key, k -> {
            String lenderLoanId = "LL-" + UUID.randomUUID();
            loans.put(lenderLoanId, new LenderLoan(lender, lenderLoanId, body.get("reference").asText(),
                body.get("amount").asText(), body.path("borrower").path("ssn").asText(null), "CREATED", null));
            return lenderLoanId;
          });
          Exchanges.json(ex, 201, loans.get(id).view());
        }),
        Route.of("GET", LENDER, (ex, m) -> {
          if (failing(ex, m)) {
            return;
          }
          String query = ex.getRequestURI().getQuery();
          String reference = query != null && query.startsWith("reference=") ? query.substring(10) : "";
          List<Map<String, Object>> found = new ArrayList<>();
          loans.values().stream().filter(l -> l.lender().equals(lender(m)) && l.reference().equals(reference))
              .forEach(l -> found.add(l.view()));
          Exchanges.json(ex, 200, Map.of("loans", found));
        }),
        Route.of("POST", LENDER + "/([^/]+)/disbursements", (ex, m) -> {
          if (failing(ex, m)) {
            return;
          }
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          LenderLoan loan = loan(m, 2);
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
          if (idempotency.putIfAbsent(loan.lender() + ":disburse:" + key, loan.lenderLoanId()) == null) {
            loans.put(loan.lenderLoanId(), loan.with("PENDING", null));
            webhooks.schedule(() -> fund(loan.lenderLoanId()), knobs.webhookDelayMillis, TimeUnit.MILLISECONDS);
          }
          Exchanges.json(ex, 202, loans.get(loan.lenderLoanId()).view());
        }),
        Route.of("GET", LENDER + "/([^/]+)", (ex, m) -> {
          if (failing(ex, m)) {
            return;
          }
          LenderLoan loan = loan(m, 2);
          if (loan == null) {
            Exchanges.error(ex, 404, "loan_not_found");
          } else {
            Exchanges.json(ex, 200, loan.view());
          }
        }),
        Route.of("POST", LENDER + "/([^/]+)/cancel", (ex, m) -> {
          if (failing(ex, m)) {
            return;
          }
          LenderLoan loan = loan(m, 2);
          if (loan == null) {
            Exchanges.error(ex, 404, "loan_not_found");
            return;
          }
          if (!"FUNDED".equals(loan.status())) {
            loans.put(loan.lenderLoanId(), loan.with("CANCELLED", null));
          }
          Exchanges.json(ex, 200, loans.get(loan.lenderLoanId()).view());
        }),
        Route.of("POST", "/sandbox/lenders/([a-z0-9-]+)/funding-knobs", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          errorRates.put(m.group(1), body.path("errorRate").asDouble(0));
          Exchanges.json(ex, 200, Map.of("lender", m.group(1), "errorRate", errorRates.get(m.group(1))));
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
    String url = funded.lender().equals(LEGACY) ? callbackUrl
        : callbackUrl.substring(0, callbackUrl.lastIndexOf('/') + 1) + funded.lender();
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
      HttpRequest request = HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json")
          .header("X-Lender-Timestamp", timestamp)
          .header("X-Lender-Signature", "v1=" + sign(secrets.getOrDefault(funded.lender(), webhookSecret),
              timestamp + "." + body))
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

  private static String sign(String secret, String payload) {
    return Exchanges.hmacHex(secret, payload);
  }


  void close() {
    webhooks.shutdownNow();
  }
}
