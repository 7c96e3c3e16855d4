package dev.tranche.activities.partner;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.pii.PiiCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * CRM partners and their API keys. A key is shown once and stored as its SHA-256 (keys are 256
 * random bits, so a fast hash is enough); CRM tokens and webhook secrets are stored encrypted.
 */
@Component
public class PartnerDirectory {

  /** A partner's outbound endpoints, secrets decrypted for the call at hand. */
  public record Endpoints(String partnerId, String name, String crmBaseUrl, String crmToken, String webhookUrl,
      String webhookSecret, int ratePerMinute) {
  }

  /**
   * What creating a partner needs, with the rules the API and the console both check; a null
   * {@code ratePerMinute} takes the configured default. Its {@code toString} leaves the secrets out.
   */
  public record NewPartner(
      @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,62}$",
          message = "must be 2 to 63 lower-case letters, digits or -, starting with a letter or digit") String id,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
      String crmBaseUrl,
      @NotBlank @Size(min = 8, max = 500) String crmToken,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
      String webhookUrl,
      @NotBlank @Size(min = 24, max = 200) String webhookSecret,
      @Min(1) @Max(100_000) Integer ratePerMinute) {

    @Override
    public String toString() {
      return "NewPartner[" + id + ", secrets redacted]";
    }

    public NewPartner(String id, String name, String crmBaseUrl, String crmToken, String webhookUrl,
        String webhookSecret) {
      this(id, name, crmBaseUrl, crmToken, webhookUrl, webhookSecret, null);
    }
  }

  /** A partner whose API key checked out, with its own rate limit. */
  public record Caller(String partnerId, int ratePerMinute) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PartnerRepository partners;
  private final PartnerApiKeyRepository keys;
  private final JdbcAggregateTemplate aggregates;
  private final PiiCipher cipher;
  private final AuditLog audit;
  private final PartnerProperties properties;

  PartnerDirectory(PartnerRepository partners, PartnerApiKeyRepository keys, JdbcAggregateTemplate aggregates,
      PiiCipher cipher, AuditLog audit, PartnerProperties properties) {
    this.partners = partners;
    this.keys = keys;
    this.aggregates = aggregates;
    this.cipher = cipher;
    this.audit = audit;
    this.properties = properties;
  }

  /** Creates a partner and returns its first API key (the only time it is visible). */
  @Transactional
  public String create(NewPartner p, String actor) {
    aggregates.insert(new PartnerRow(p.id(), p.name(), p.crmBaseUrl(), cipher.encrypt(p.crmToken()), p.webhookUrl(),
        cipher.encrypt(p.webhookSecret()), p.ratePerMinute() == null ? properties.rate() : p.ratePerMinute()));
    String key = newKey();
    storeKey(p.id(), key);
    audit.record(actor, "PARTNER_CREATED", "partner", p.id(), Map.of("name", p.name()));
    return key;
  }

  public boolean exists(String partnerId) {
    return partners.existsById(partnerId);
  }

  /** Issues a new key; keys issued before it stop working after the rotation grace period. */
  @Transactional
  public String rotateKey(String partnerId, String actor) {
    keys.expireWithin(partnerId, (int) properties.rotationGrace());
    String key = newKey();
    storeKey(partnerId, key);
    audit.record(actor, "PARTNER_KEY_ROTATED", "partner", partnerId,
        Map.of("graceHours", properties.rotationGrace()));
    return key;
  }

  /** The partner an API key belongs to, if the key is known and not expired. */
  public Optional<Caller> authenticate(String apiKey) {
    if (apiKey == null || apiKey.length() < 20 || apiKey.length() > 200) {
      return Optional.empty();
    }
    return keys.findById(sha256(apiKey)).filter(key -> key.live(Instant.now()))
        .flatMap(key -> partners.findById(key.partnerId()))
        .map(partner -> new Caller(partner.id(), partner.ratePerMinute()));
  }

  public Optional<Endpoints> endpoints(String partnerId) {
    return partners.findById(partnerId).map(p -> new Endpoints(p.id(), p.name(), p.crmBaseUrl(),
        cipher.decrypt(p.crmTokenCiphertext()), p.webhookUrl(), cipher.decrypt(p.webhookSecretCiphertext()),
        p.ratePerMinute()));
  }

  /** Creates the configured seed partner once (its key is the configured one, stored hashed). */
  @Transactional
  public void seed(PartnerProperties.Seed seed) {
    if (seed == null || seed.id() == null || seed.id().isBlank() || exists(seed.id())) {
      return;
    }
    partners.insertIfAbsent(seed.id(), seed.name(), seed.crmUrl(), cipher.encrypt(seed.crmToken()),
        seed.webhookUrl(), cipher.encrypt(seed.webhookSecret()), properties.rate());
    storeKey(seed.id(), seed.apiKey());
    audit.record("system:seed", "PARTNER_CREATED", "partner", seed.id(), Map.of("name", seed.name()));
  }

  private void storeKey(String partnerId, String key) {
    keys.insertIfAbsent(sha256(key), partnerId, key.substring(0, Math.min(8, key.length())));
  }

  private static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "tpk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
