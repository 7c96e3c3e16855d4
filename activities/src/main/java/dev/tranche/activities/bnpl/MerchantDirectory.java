package dev.tranche.activities.bnpl;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.activities.pii.PiiCipher;
import dev.tranche.activities.support.Refused;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.common.FailureType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Merchants and their API keys. Onboarding checks the business with the KYB provider first (a
 * business that fails is not stored); keys are shown once and stored as SHA-256; the webhook secret
 * and settlement account are stored encrypted, the account's last four digits in clear for display.
 */
@Component
public class MerchantDirectory {

  /**
   * What onboarding a merchant needs; a null {@code ratePerMinute} takes the configured default. Its
   * {@code toString} leaves the secret and the account out.
   */
  public record NewMerchant(
      @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,62}$",
          message = "must be 2 to 63 lower-case letters, digits or -, starting with a letter or digit") String id,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 200) String legalName,
      @NotBlank @Pattern(regexp = "^[0-9]{2}-[0-9]{7}$", message = "must be an EIN, NN-NNNNNNN") String taxId,
      @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 country code") String country,
      @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
      String webhookUrl,
      @NotBlank @Size(min = 24, max = 200) String webhookSecret,
      @NotBlank @Pattern(regexp = "^[0-9]{6,17}$", message = "must be 6 to 17 digits") String settlementAccount,
      @Min(1) @Max(100_000) Integer ratePerMinute) {

    @Override
    public String toString() {
      return "NewMerchant[" + id + ", secrets redacted]";
    }
  }

  /** A merchant without its secrets. */
  public record Merchant(String id, String name, String legalName, String webhookUrl, String settlementAccountLast4,
      int ratePerMinute, String kybStatus, String kybReference, long liveKeys) {
  }

  /** A merchant whose API key checked out, with its own rate limit. */
  public record Caller(String merchantId, int ratePerMinute) {
  }

  /** A merchant's webhook endpoint, secret decrypted for the delivery at hand. */
  public record Webhook(String url, String secret) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final PiiCipher cipher;
  private final AuditLog audit;
  private final BnplProperties properties;
  private final ProviderHttp kyb;

  MerchantDirectory(JdbcClient jdbc, PiiCipher cipher, AuditLog audit, BnplProperties properties) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.audit = audit;
    this.properties = properties;
    this.kyb = new ProviderHttp("kyb", FailureType.PROVIDER_REJECTED, properties.kybUrl(), 2000, 10_000);
  }

  /**
   * Checks the business with the KYB provider, then stores the merchant and returns its first API key
   * (the only time it is visible).
   *
   * @throws Refused when the provider does not verify the business (nothing is stored)
   */
  @Transactional
  public String create(NewMerchant m, String actor) {
    JsonNode verdict = kyb.post("/kyb/v1/verifications", Map.of("legalName", m.legalName(), "taxId", m.taxId(),
        "country", m.country()), Map.of("Idempotency-Key", "merchant:" + m.id()), null);
    String status = verdict.path("status").asString("");
    String reference = verdict.path("verificationId").asString("");
    if (!status.equals("PASSED")) {
      audit.record(actor, "MERCHANT_KYB_FAILED", "merchant", m.id(), Map.of("reference", reference,
          "reasons", verdict.path("reasons").toString()));
      throw Refused.conflict("the business was not verified (" + reference + "): "
          + String.join(", ", verdict.path("reasons").valueStream().map(JsonNode::asString).toList()));
    }
    jdbc.sql("""
            insert into merchants (id, name, legal_name, webhook_url, webhook_secret_ciphertext,
                settlement_account_ciphertext, settlement_account_last4, rate_per_minute, kyb_status, kyb_reference)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PASSED', ?)""")
        .params(m.id(), m.name(), m.legalName(), m.webhookUrl(), cipher.encrypt(m.webhookSecret()),
            cipher.encrypt(m.settlementAccount()), m.settlementAccount().substring(m.settlementAccount().length() - 4),
            m.ratePerMinute() == null ? properties.ratePerMinute() : m.ratePerMinute(), reference)
        .update();
    String key = newKey();
    storeKey(m.id(), key);
    audit.record(actor, "MERCHANT_CREATED", "merchant", m.id(), Map.of("name", m.name(), "kyb", reference));
    return key;
  }

  public boolean exists(String merchantId) {
    return jdbc.sql("select count(*) from merchants where id = ?").param(merchantId).query(Long.class).single() > 0;
  }

  /** Issues a new key; keys issued before it stop working after the rotation grace period. */
  @Transactional
  public String rotateKey(String merchantId, String actor) {
    int hours = properties.keyRotationGraceHours();
    jdbc.sql("""
            update merchant_api_keys set expires_at = now() + make_interval(hours => ?)
             where merchant_id = ? and (expires_at is null or expires_at > now() + make_interval(hours => ?))""")
        .params(hours, merchantId, hours).update();
    String key = newKey();
    storeKey(merchantId, key);
    audit.record(actor, "MERCHANT_KEY_ROTATED", "merchant", merchantId, Map.of("graceHours", hours));
    return key;
  }

  /** The merchant an API key belongs to, if the key is known and not expired. */
  public Optional<Caller> authenticate(String apiKey) {
    if (apiKey == null || apiKey.length() < 20 || apiKey.length() > 200) {
      return Optional.empty();
    }
    return jdbc.sql("""
            select m.id, m.rate_per_minute from merchant_api_keys k join merchants m on m.id = k.merchant_id
             where k.key_hash = ? and (k.expires_at is null or k.expires_at > ?)""")
        .params(PartnerDirectory.sha256(apiKey), Timestamp.from(Instant.now()))
        .query((rs, n) -> new Caller(rs.getString(1), rs.getInt(2))).optional();
  }

  public List<Merchant> merchants() {
    return jdbc.sql("""
            select m.id, m.name, m.legal_name, m.webhook_url, m.settlement_account_last4, m.rate_per_minute,
                   m.kyb_status, m.kyb_reference,
                   (select count(*) from merchant_api_keys k
                     where k.merchant_id = m.id and (k.expires_at is null or k.expires_at > now()))
              from merchants m order by m.id""")
        .query((rs, n) -> new Merchant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getLong(9)))
        .list();
  }

  Optional<Webhook> webhook(String merchantId) {
    return jdbc.sql("select webhook_url, webhook_secret_ciphertext from merchants where id = ?").param(merchantId)
        .query((rs, n) -> new Webhook(rs.getString(1), cipher.decrypt(rs.getBytes(2)))).optional();
  }

  /** The account a payout goes to; every read is audited. */
  Optional<String> settlementAccount(String merchantId, String purpose) {
    Optional<String> account = jdbc.sql("select settlement_account_ciphertext from merchants where id = ?")
        .param(merchantId).query((rs, n) -> cipher.decrypt(rs.getBytes(1))).optional();
    account.ifPresent(a -> audit.record("system:settlement", "PII_READ", "merchant", merchantId,
        Map.of("field", "settlementAccount", "purpose", purpose)));
    return account;
  }

  private void storeKey(String merchantId, String key) {
    jdbc.sql("insert into merchant_api_keys (key_hash, merchant_id, prefix) values (?, ?, ?) on conflict do nothing")
        .params(PartnerDirectory.sha256(key), merchantId, key.substring(0, 8)).update();
  }

  private static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "tmk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
