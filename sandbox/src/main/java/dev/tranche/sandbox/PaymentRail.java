package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ACH-like payment rail. {@code POST /rails/v1/debits} (Idempotency-Key) accepts a debit for an
 * effective date; {@code GET /rails/v1/debits/{id}?asOf=YYYY-MM-DD} reports it PENDING, SETTLED two
 * days after the effective date, or RETURNED (with a return code) three days after — ACH is
 * date-based, so time-skipped tests see the same answers as a calendar would. Outcomes per account
 * are scripted with {@code POST /sandbox/rails/script {"account":…, "outcomes":["RETURN:R01","SETTLE"]}}
 * (default SETTLE; REJECT refuses the debit at once, as does an account starting {@code closed-}).
 *
 * <p>The other direction is a borrower's own payment: {@code POST /sandbox/rails/transfers
 * {"paymentReference","amount","currency"[,"receivedAt"]}} stands for a bank transfer that quotes the loan's
 * payment reference (received now, or at the given instant); the rail reports it at once to Tranche's payments webhook, signed
 * ({@code X-Payments-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}), and answers with what
 * the webhook answered. {@code GET /sandbox/rails/transfers} lists them.
 *
 * <p>Payouts: {@code POST /rails/v1/credits {"account","amount","currency","reference"}} (Idempotency-Key) sends
 * money to an account (a merchant's settlement) and answers SENT, once per key; an account starting
 * {@code closed-} is refused. {@code GET /sandbox/rails/credits} lists them.
 */
final class PaymentRail {

  private static final Logger log = LoggerFactory.getLogger(PaymentRail.class);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** Tranche's payments webhook and its secret, set once Tranche's port is known. */
  volatile String paymentsCallbackUrl;
  volatile String paymentsSecret;
  private final List<Map<String, Object>> transfers = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** One debit as the rail keeps it. */
  record RailDebit(String debitId, String account, String amount, LocalDate effective, String outcome) {
  }

  private final Map<String, RailDebit> debits = new ConcurrentHashMap<>();
  /** Payouts (a merchant's settlement), one per idempotency key. */
  private final Map<String, Map<String, Object>> credits = new ConcurrentHashMap<>();
  private final Map<String, String> byKey = new ConcurrentHashMap<>();
  private final Map<String, Deque<String>> scripts = new ConcurrentHashMap<>();

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/rails/v1/debits", (ex, m) -> {
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          JsonNode body = Exchanges.jsonBody(ex);
          if (key == null || !body.hasNonNull("account") || !body.hasNonNull("amount")
              || !body.hasNonNull("effectiveDate")) {
            Exchanges.error(ex, 400, "idempotency_key_account_amount_and_effective_date_required");
            return;
          }
          String account = body.get("account").asText();
          Deque<String> scripted = scripts.get(account);
          boolean reject = scripted != null && "REJECT".equals(scripted.peek()) && !byKey.containsKey(key);
          if (reject) {
            scripted.poll();
          }
          if (reject || account.startsWith("closed-")) {
            Exchanges.json(ex, 422, Map.of("error", "account_closed", "status", "REJECTED"));
            return;
          }
          String id = byKey.computeIfAbsent(key, k -> {
            Deque<String> script = scripts.get(account);
            String outcome = script == null || script.isEmpty() ? "SETTLE" : script.poll();
            String debitId = "DB-" + UUID.randomUUID();
            debits.put(debitId, new RailDebit(debitId, account, body.get("amount").asText(),
                LocalDate.parse(body.get("effectiveDate").asText()), outcome));
            return debitId;
          });
          Exchanges.json(ex, 201, view(debits.get(id), debits.get(id).effective()));
        }),
        Route.of("GET", "/rails/v1/debits/([^/?]+)", (ex, m) -> {
          RailDebit debit = debits.get(m.group(1));
          if (debit == null) {
            Exchanges.error(ex, 404, "debit_not_found");
            return;
          }
          String query = ex.getRequestURI().getQuery();
          LocalDate asOf = query != null && query.startsWith("asOf=") ? LocalDate.parse(query.substring(5))
              : LocalDate.now();
          Exchanges.json(ex, 200, view(debit, asOf));
        }),
        Route.of("POST", "/sandbox/rails/script", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          Deque<String> outcomes = new ConcurrentLinkedDeque<>();
          body.path("outcomes").forEach(o -> outcomes.add(o.asText()));
          scripts.put(body.path("account").asText(), outcomes);
          Exchanges.json(ex, 200, Map.of("account", body.path("account").asText(), "outcomes", outcomes.size()));
        }),
        Route.of("POST", "/sandbox/rails/transfers", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          if (!body.hasNonNull("paymentReference") || !body.hasNonNull("amount") || !body.hasNonNull("currency")) {
            Exchanges.error(ex, 400, "payment_reference_amount_and_currency_required");
            return;
          }
          if (paymentsCallbackUrl == null) {
            Exchanges.error(ex, 503, "no_payments_webhook_configured");
            return;
          }
          Instant receivedAt;
          try {
            // When the bank received it: now, or the caller's instant (a moved dev clock's "now").
            receivedAt = body.hasNonNull("receivedAt") ? Instant.parse(body.get("receivedAt").asText()) : Instant.now();
          } catch (java.time.format.DateTimeParseException e) {
            Exchanges.error(ex, 400, "received_at_must_be_an_iso_8601_instant");
            return;
          }
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("eventId", "TRF-" + UUID.randomUUID());
          event.put("paymentReference", body.get("paymentReference").asText());
          event.put("amount", body.get("amount").asText());
          event.put("currency", body.get("currency").asText());
          event.put("receivedAt", receivedAt.toString());
          int answered = report(Exchanges.JSON.writeValueAsString(event));
          Map<String, Object> transfer = new LinkedHashMap<>(event);
          transfer.put("webhookStatus", answered);
          transfers.add(transfer);
          Exchanges.json(ex, answered / 100 == 2 ? 201 : 502, transfer);
        }),
        Route.of("POST", "/rails/v1/credits", (ex, m) -> {
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          JsonNode body = Exchanges.jsonBody(ex);
          if (key == null || !body.hasNonNull("account") || !body.hasNonNull("amount")
              || !body.hasNonNull("currency")) {
            Exchanges.error(ex, 400, "idempotency_key_account_amount_and_currency_required");
            return;
          }
          if (body.get("account").asText().startsWith("closed-")) {
            Exchanges.error(ex, 422, "account_closed");
            return;
          }
          Map<String, Object> credit = credits.computeIfAbsent(key, k -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("creditId", "CR-" + UUID.randomUUID());
            c.put("account", body.get("account").asText());
            c.put("amount", body.get("amount").asText());
            c.put("currency", body.get("currency").asText());
            c.put("reference", body.path("reference").asText(""));
            c.put("status", "SENT");
            c.put("idempotencyKey", k);
            return c;
          });
          Exchanges.json(ex, 201, credit);
        }),
        Route.of("GET", "/sandbox/rails/credits", (ex, m) -> Exchanges.json(ex, 200, new ArrayList<>(credits.values()))),
        Route.of("GET", "/sandbox/rails/transfers", (ex, m) -> Exchanges.json(ex, 200, transfers)),
        Route.of("GET", "/sandbox/rails/scripts", (ex, m) -> {
          Map<String, Object> remaining = new LinkedHashMap<>();
          scripts.forEach((account, outcomes) -> remaining.put(account, List.copyOf(outcomes)));
          Exchanges.json(ex, 200, remaining);
        }),
        Route.of("GET", "/sandbox/rails/debits", (ex, m) -> {
          List<Map<String, Object>> all = new ArrayList<>();
          debits.values().forEach(d -> all.add(view(d, d.effective().plusDays(10))));
          Exchanges.json(ex, 200, all);
        }));
  }

  /** Posts one signed payment event to Tranche; returns the HTTP status it answered (0: unreachable). */
  private int report(String body) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    HttpRequest request = HttpRequest.newBuilder(URI.create(paymentsCallbackUrl)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("X-Payments-Timestamp", timestamp)
        .header("X-Payments-Signature", "v1=" + Exchanges.hmacHex(paymentsSecret, timestamp + "." + body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      log.warn("payments webhook failed: {}", e.toString());
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static Map<String, Object> view(RailDebit d, LocalDate asOf) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("debitId", d.debitId());
    v.put("account", d.account());
    v.put("amount", d.amount());
    v.put("effectiveDate", d.effective().toString());
    String status = "PENDING";
    if (d.outcome().startsWith("RETURN") && !asOf.isBefore(d.effective().plusDays(3))) {
      status = "RETURNED";
      v.put("returnCode", d.outcome().contains(":") ? d.outcome().substring(d.outcome().indexOf(':') + 1) : "R01");
    } else if (!asOf.isBefore(d.effective().plusDays(2))) {
      status = "SETTLED";
    }
    v.put("status", status);
    return v;
  }
}
