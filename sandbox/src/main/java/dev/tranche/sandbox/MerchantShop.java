package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's shop backend receiving Tranche's signed merchant webhooks at
 * {@code POST /shop/v1/webhooks/{merchantId}} ({@code X-Tranche-Signature: v1=hex(HMAC-SHA256(secret,
 * timestamp + "." + body))}, the secret {@code SANDBOX_MERCHANT_WEBHOOK_SECRET}); a bad signature is a 401.
 * {@code POST /sandbox/shop/knobs {"webhookFailures": N}} answers the next N with 503;
 * {@code GET /sandbox/shop/webhooks} lists what arrived (each delivery, repeats included).
 */
final class MerchantShop {

  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final String secret;

  MerchantShop(String secret) {
    this.secret = secret;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/shop/v1/webhooks/([a-z0-9-]+)", (ex, m) -> {
          byte[] raw = ex.getRequestBody().readAllBytes();
          String timestamp = ex.getRequestHeaders().getFirst("X-Tranche-Timestamp");
          String signature = ex.getRequestHeaders().getFirst("X-Tranche-Signature");
          String expected = "v1=" + Exchanges.hmacHex(secret, timestamp + "." + new String(raw, StandardCharsets.UTF_8));
          if (timestamp == null || signature == null || !MessageDigest.isEqual(
              signature.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            Exchanges.error(ex, 401, "bad_signature");
            return;
          }
          if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Exchanges.error(ex, 503, "shop_unavailable");
            return;
          }
          JsonNode event = Exchanges.JSON.readTree(raw);
          Map<String, Object> seen = new LinkedHashMap<>();
          seen.put("merchantId", m.group(1));
          seen.put("eventId", event.path("id").asText());
          seen.put("type", event.path("type").asText());
          seen.put("data", Exchanges.JSON.convertValue(event.path("data"), Map.class));
          seen.put("receivedAt", Instant.now().toString());
          events.add(seen);
          Exchanges.json(ex, 200, Map.of("received", true));
        }),
        Route.of("POST", "/sandbox/shop/knobs", (ex, m) -> {
          failures.set(Exchanges.jsonBody(ex).path("webhookFailures").asInt());
          Exchanges.json(ex, 200, Map.of("webhookFailures", failures.get()));
        }),
        Route.of("GET", "/sandbox/shop/webhooks", (ex, m) -> Exchanges.json(ex, 200, new ArrayList<>(events))));
  }
}
