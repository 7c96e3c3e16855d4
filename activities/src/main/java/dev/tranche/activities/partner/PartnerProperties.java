package dev.tranche.activities.partner;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * CRM partners: where borrower links point, how long they and rotated keys live, the default rate
 * limit, and an optional partner seeded at start (the embedded run's demo CRM).
 */
@ConfigurationProperties("tranche.partners")
public record PartnerProperties(String linkBaseUrl, long linkValidityHours, long keyRotationGraceHours,
    int ratePerMinute, Seed seed) {

  /** A partner created at start when absent; its API key is stored hashed like any other. */
  public record Seed(String id, String name, String apiKey, String crmUrl, String crmToken, String webhookUrl,
      String webhookSecret) {
  }

  public long linkValidity() {
    return linkValidityHours > 0 ? linkValidityHours : 24;
  }

  public long rotationGrace() {
    return keyRotationGraceHours > 0 ? keyRotationGraceHours : 24;
  }

  public int rate() {
    return ratePerMinute > 0 ? ratePerMinute : 100;
  }
}
