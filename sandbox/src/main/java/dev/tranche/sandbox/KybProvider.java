package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A know-your-business provider (Middesk-like): {@code POST /kyb/v1/verifications {legalName, taxId, country}}
 * (Idempotency-Key) answers PASSED, or FAILED with reasons: a tax id ending {@code 0000} is not in the
 * registry, a legal name containing "Sanctioned" matches a watch list. The same key answers the same verdict.
 */
final class KybProvider {

  private final Map<String, Map<String, Object>> verdicts = new ConcurrentHashMap<>();

  List<Route> routes() {
    return List.of(Route.of("POST", "/kyb/v1/verifications", (ex, m) -> {
      String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
      JsonNode body = Exchanges.jsonBody(ex);
      if (key == null || !body.hasNonNull("legalName") || !body.hasNonNull("taxId") || !body.hasNonNull("country")) {
        Exchanges.error(ex, 400, "idempotency_key_legal_name_tax_id_and_country_required");
        return;
      }
      Map<String, Object> verdict = verdicts.computeIfAbsent(key, k -> {
        String taxId = body.get("taxId").asText();
        String name = body.get("legalName").asText();
        List<String> reasons = new ArrayList<>();
        if (taxId.endsWith("0000")) {
          reasons.add("tax_id_not_found");
        }
        if (name.contains("Sanctioned")) {
          reasons.add("watchlist_match");
        }
        return Map.of("verificationId", "KYB-" + UUID.randomUUID(), "status", reasons.isEmpty() ? "PASSED" : "FAILED",
            "reasons", reasons);
      });
      Exchanges.json(ex, 200, verdict);
    }));
  }
}
