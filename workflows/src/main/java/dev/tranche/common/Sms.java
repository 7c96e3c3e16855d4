package dev.tranche.common;

import java.util.Map;

/**
 * A text to the borrower of an application. The activity looks the phone number up; the
 * workflow never carries it. {@code idempotencyKey} makes a retried send a no-op.
 */
public record Sms(String idempotencyKey, String applicationId, String template, Map<String, String> params) {

  public Sms {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
