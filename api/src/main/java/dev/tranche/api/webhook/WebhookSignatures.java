package dev.tranche.api.webhook;

import dev.tranche.activities.support.Hmac;
import dev.tranche.api.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 over {@code timestamp + "." + body}, header {@code v1=<hex>}, 5-minute tolerance.
 * Compared in constant time; unknown senders, missing, forged or stale signatures are all 401.
 */
@Component
@EnableConfigurationProperties(WebhookSignatures.Secrets.class)
class WebhookSignatures {

  /** Per-lender webhook secrets, and the payment processor's. */
  @ConfigurationProperties("tranche.webhooks")
  record Secrets(Map<String, String> lenders, String payments, Duration tolerance) {
  }

  private final Secrets secrets;
  private final Clock clock = Clock.systemUTC();
  private final MeterRegistry meters;

  WebhookSignatures(Secrets secrets, MeterRegistry meters) {
    this.secrets = secrets;
    this.meters = meters;
  }

  void verify(String lender, String timestamp, String signature, String body) {
    String secret = secrets.lenders() == null ? null : secrets.lenders().get(lender);
    if (secret == null) {
      throw new ApiProblem(HttpStatus.NOT_FOUND, "Not found", "no webhook endpoint for lender " + lender);
    }
    check("lender:" + lender, secret, timestamp, signature, body);
  }

  /** The payment processor's webhook ({@code X-Payments-Timestamp}, {@code X-Payments-Signature}). */
  void verifyPayments(String timestamp, String signature, String body) {
    check("payments", secrets.payments(), timestamp, signature, body);
  }

  private void check(String source, String secret, String timestamp, String signature, String body) {
    try {
      signatureHolds(secret, timestamp, signature, body);
    } catch (ApiProblem refused) {
      meters.counter("tranche.webhook.rejections", "source", source, "reason", refused.getMessage()).increment();
      throw refused;
    }
  }

  private void signatureHolds(String secret, String timestamp, String signature, String body) {
    if (timestamp == null || signature == null || body == null || !signature.startsWith("v1=")) {
      throw unauthorized("missing or malformed signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw unauthorized("malformed timestamp");
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > secrets.tolerance().toSeconds()) {
      throw unauthorized("stale timestamp");
    }
    byte[] expected = Hmac.sha256(secret, timestamp + "." + body);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(3));
    } catch (IllegalArgumentException e) {
      throw unauthorized("malformed signature");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw unauthorized("signature mismatch");
    }
  }

  private static ApiProblem unauthorized(String detail) {
    return new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
  }
}
