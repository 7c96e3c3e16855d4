package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A collection agency: {@code POST /agency/v1/placements} (Idempotency-Key) places a debt and answers
 * with an acknowledgement id; {@code GET /sandbox/agency/placements} lists what it received.
 */
final class CollectionAgency {

  private final Map<String, Map<String, Object>> placements = new ConcurrentHashMap<>();

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/agency/v1/placements", (ex, m) -> {
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          JsonNode body = Exchanges.jsonBody(ex);
          if (key == null || !body.hasNonNull("loanReference") || !body.hasNonNull("amount")) {
            Exchanges.error(ex, 400, "idempotency_key_loan_reference_and_amount_required");
            return;
          }
          Map<String, Object> placement = placements.computeIfAbsent(key, k -> Map.of(
              "acknowledgementId", "AG-" + UUID.randomUUID(), "loanReference", body.get("loanReference").asText(),
              "amount", body.get("amount").asText(), "installment", body.path("installment").asInt()));
          Exchanges.json(ex, 201, placement);
        }),
        Route.of("GET", "/sandbox/agency/placements", (ex, m) -> Exchanges.json(ex, 200,
            new ArrayList<>(placements.values()))));
  }
}
