package dev.tranche.activities.partner;

import dev.tranche.activities.pii.PiiCipher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;

/** One-time borrower links: minted for an invited application, looked up by hash, used once. */
@Component
public class BorrowerLinks {

  /** Where a token stands. */
  public record Link(String applicationId, Instant expiresAt, Instant usedAt) {

    public boolean expired(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final BorrowerLinkRepository links;
  private final JdbcAggregateTemplate aggregates;
  private final PiiCipher cipher;

  BorrowerLinks(BorrowerLinkRepository links, JdbcAggregateTemplate aggregates, PiiCipher cipher) {
    this.links = links;
    this.aggregates = aggregates;
    this.cipher = cipher;
  }

  /** Mints a link for the application (call inside the invitation's transaction) and returns the token. */
  public String mint(String applicationId, Instant expiresAt) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    aggregates.insert(new BorrowerLinkRow(PartnerDirectory.sha256(token), cipher.encrypt(token),
        UUID.fromString(applicationId), expiresAt, null));
    return token;
  }

  public Optional<Link> find(String token) {
    if (token == null || token.length() < 20 || token.length() > 100) {
      return Optional.empty();
    }
    return links.findById(PartnerDirectory.sha256(token))
        .map(row -> new Link(row.applicationId().toString(), row.expiresAt(), row.usedAt()));
  }

  /** Marks the link used; false when it was already used or has expired (a race loses here). */
  public boolean consume(String token) {
    return links.consume(PartnerDirectory.sha256(token));
  }

  /** The token of an application's link, decrypted to be texted. */
  Optional<String> tokenOf(String applicationId) {
    return links.findByApplicationId(UUID.fromString(applicationId)).map(row -> cipher.decrypt(row.tokenCiphertext()));
  }

  /** When the application's link expires. */
  public Optional<Instant> expiresAt(String applicationId) {
    return links.findByApplicationId(UUID.fromString(applicationId)).map(BorrowerLinkRow::expiresAt);
  }

  boolean used(String applicationId) {
    return links.findByApplicationId(UUID.fromString(applicationId)).map(row -> row.usedAt() != null).orElse(false);
  }
}
