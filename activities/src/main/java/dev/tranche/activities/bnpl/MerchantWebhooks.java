package dev.tranche.activities.bnpl;

import dev.tranche.activities.support.Hmac;
import dev.tranche.activities.support.Json;
import dev.tranche.activities.support.RawHttp;
import dev.tranche.bnpl.MerchantEvent;
import dev.tranche.common.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed merchant webhooks ({@code X-Tranche-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}, as
 * the partners' are), each kept in the {@code merchant_events} outbox and delivered at least once; a merchant
 * that is down fails the activity, which Temporal retries with backoff.
 */
final class MerchantWebhooks {

  private final JdbcClient jdbc;
  private final MerchantDirectory merchants;
  private final RawHttp http = new RawHttp(Duration.ofSeconds(3), Duration.ofSeconds(10));

  MerchantWebhooks(JdbcClient jdbc, MerchantDirectory merchants) {
    this.jdbc = jdbc;
    this.merchants = merchants;
  }

  void deliver(MerchantEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", e.eventId());
    body.put("type", e.type());
    body.put("createdAt", Instant.ofEpochMilli(e.occurredAtMillis()).toString());
    body.put("data", e.data());
    String payload = Json.MAPPER.writeValueAsString(body);
    jdbc.sql("""
            insert into merchant_events (event_id, merchant_id, type, bill_id, payload)
            values (?, ?, ?, ?, ?::jsonb) on conflict (event_id) do nothing""")
        .params(e.eventId(), e.merchantId(), e.type(), e.billId() == null ? null : UUID.fromString(e.billId()), payload)
        .update();
    boolean delivered = jdbc.sql("select delivered_at is not null from merchant_events where event_id = ?")
        .param(e.eventId()).query(Boolean.class).single();
    if (delivered) {
      return;
    }
    MerchantDirectory.Webhook webhook = merchants.webhook(e.merchantId()).orElseThrow(() ->
        ApplicationFailure.newNonRetryableFailure("unknown merchant " + e.merchantId(), FailureType.NOT_FOUND.name()));
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    jdbc.sql("update merchant_events set attempts = attempts + 1 where event_id = ?").param(e.eventId()).update();
    try {
      http.post(e.merchantId(), webhook.url(), Map.of("Content-Type", "application/json",
          "X-Tranche-Event-Id", e.eventId(), "X-Tranche-Timestamp", timestamp,
          "X-Tranche-Signature", "v1=" + Hmac.sha256Hex(webhook.secret(), timestamp + "." + payload)), payload,
          MerchantUnavailableException::new);
    } catch (RuntimeException failure) {
      jdbc.sql("update merchant_events set last_error = ? where event_id = ?")
          .params(failure.getMessage(), e.eventId()).update();
      throw failure;
    }
    jdbc.sql("update merchant_events set delivered_at = now(), last_error = null where event_id = ?")
        .param(e.eventId()).update();
  }

  /** A merchant endpoint that is down or erroring: Temporal retries with backoff. */
  static final class MerchantUnavailableException extends RuntimeException {
    MerchantUnavailableException(String message) {
      super(message);
    }
  }
}
