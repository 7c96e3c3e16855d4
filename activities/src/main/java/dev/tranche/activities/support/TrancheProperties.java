package dev.tranche.activities.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the activities: provider base URLs, Twilio credentials, the PII key.
 * Every value has an {@code ${ENV:default}} in application.yml.
 */
@ConfigurationProperties("tranche")
public record TrancheProperties(Providers providers, Twilio twilio, Pii pii) {

  /** Base URLs of the external providers (the sandbox locally). */
  public record Providers(String kycUrl, String bureauUrl, String bankDataUrl, String lenderUrl,
      int connectTimeoutMillis, int readTimeoutMillis) {
  }

  /** Twilio account and the sender; {@code apiHost} reroutes the SDK to a stand-in when set. */
  public record Twilio(String accountSid, String authToken, String fromNumber, String apiHost) {
  }

  /** AES-256 key (base64) and its id for PII columns. */
  public record Pii(String keyId, String key) {
  }
}
