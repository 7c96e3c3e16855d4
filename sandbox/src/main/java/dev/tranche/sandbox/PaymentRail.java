package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * An ACH-like payment rail. {@code POST /rails/v1/debits} (Idempotency-Key) accepts a debit for an
 * effective date; {@code GET /rails/v1/debits/{id}?asOf=YYYY-MM-DD} reports it PENDING, SETTLED two
 * days after the effective date, or RETURNED (with a return code) three days after — ACH is
 * date-based, so time-skipped tests see the same answers as a calendar would. Outcomes per account
 * are scripted with {@code POST /sandbox/rails/script {"account":…, "outcomes":["RETURN:R01","SETTLE"]}}
 * (default SETTLE; REJECT refuses the debit at once, as does an account starting {@code closed-}).
 */
final class PaymentRail {

  /** One debit as the rail keeps it. */
  record RailDebit(String debitId, String account, String amount, LocalDate effective, String outcome) {
  }

  private final Map<String, RailDebit> debits = new ConcurrentHashMap<>();
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
        Route.of("GET", "/sandbox/rails/debits", (ex, m) -> {
          List<Map<String, Object>> all = new ArrayList<>();
          debits.values().forEach(d -> all.add(view(d, d.effective().plusDays(10))));
          Exchanges.json(ex, 200, all);
        }));
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
