package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A home-services CRM (FieldRoutes-like): its job API receives financing status writebacks
 * ({@code POST /crm/v1/jobs/{jobId}/financing-status}, Bearer token, {@code Idempotency-Key}), and
 * its webhook receiver takes Tranche's signed partner events
 * ({@code X-Tranche-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}).
 * Knobs: {@code POST /sandbox/crm/knobs} {@code {writebackFailures, webhookFailures}} answers the
 * next N calls with 503. Inspect with {@code GET /sandbox/crm/jobs/{jobId}} and {@code GET /sandbox/crm/webhooks}.
 */
final class CrmSandbox {

  /** A job's financing history as the CRM keeps it. */
  record Job(List<String> statuses, AtomicInteger deliveries) {
  }

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, Boolean> seenKeys = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger writebackFailures = new AtomicInteger();
  private final AtomicInteger webhookFailures = new AtomicInteger();
  volatile String webhookSecret;

  CrmSandbox(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/crm/v1/jobs/([^/]+)/financing-status", (ex, m) -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 10) {
            Exchanges.error(ex, 401, "unauthorized");
            return;
          }
          JsonNode body = Exchanges.jsonBody(ex);
          if (key == null || !body.hasNonNull("status")) {
            Exchanges.error(ex, 400, "idempotency_key_and_status_required");
            return;
          }
          if (writebackFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Exchanges.error(ex, 503, "crm_unavailable");
            return;
          }
          Job job = jobs.computeIfAbsent(m.group(1), id -> new Job(new CopyOnWriteArrayList<>(), new AtomicInteger()));
          job.deliveries().incrementAndGet();
          if (seenKeys.putIfAbsent(key, Boolean.TRUE) == null) {
            job.statuses().add(body.get("status").asText());
          }
          Exchanges.json(ex, 200, Map.of("jobId", m.group(1), "financingStatus", body.get("status").asText()));
        }),
        Route.of("POST", "/crm/v1/webhooks/tranche", (ex, m) -> {
          byte[] raw = ex.getRequestBody().readAllBytes();
          String timestamp = ex.getRequestHeaders().getFirst("X-Tranche-Timestamp");
          String signature = ex.getRequestHeaders().getFirst("X-Tranche-Signature");
          boolean valid = timestamp != null && signature != null
              && MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                  ("v1=" + sign(timestamp + "." + new String(raw, StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
          if (!valid) {
            Exchanges.error(ex, 401, "bad_signature");
            return;
          }
          if (webhookFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Exchanges.error(ex, 503, "receiver_unavailable");
            return;
          }
          JsonNode event = Exchanges.JSON.readTree(raw);
          Map<String, Object> seen = new LinkedHashMap<>();
          seen.put("eventId", event.path("id").asText());
          seen.put("type", event.path("type").asText());
          seen.put("applicationId", event.path("data").path("applicationId").asText());
          seen.put("receivedAt", Instant.now().toString());
          events.add(seen);
          Exchanges.json(ex, 200, Map.of("received", true));
        }),
        Route.of("POST", "/sandbox/crm/knobs", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          if (body.has("writebackFailures")) {
            writebackFailures.set(body.get("writebackFailures").asInt());
          }
          if (body.has("webhookFailures")) {
            webhookFailures.set(body.get("webhookFailures").asInt());
          }
          Exchanges.json(ex, 200, Map.of("writebackFailures", writebackFailures.get(), "webhookFailures",
              webhookFailures.get()));
        }),
        Route.of("GET", "/sandbox/crm/jobs/([^/]+)", (ex, m) -> {
          Job job = jobs.get(m.group(1));
          if (job == null) {
            Exchanges.error(ex, 404, "job_not_found");
            return;
          }
          Exchanges.json(ex, 200, Map.of("jobId", m.group(1), "statuses", new ArrayList<>(job.statuses()),
              "deliveries", job.deliveries().get()));
        }),
        Route.of("GET", "/sandbox/crm/webhooks", (ex, m) -> Exchanges.json(ex, 200, new ArrayList<>(events))));
  }

  private String sign(String payload) {
    return Exchanges.hmacHex(webhookSecret, payload);
  }

}
