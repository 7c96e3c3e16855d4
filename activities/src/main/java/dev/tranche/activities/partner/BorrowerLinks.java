package dev.tranche.activities.partner;

import dev.tranche.activities.pii.PiiCipher;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;
  private final PiiCipher cipher;

  BorrowerLinks(JdbcClient jdbc, PiiCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** Mints a link for the application (call inside the invitation's transaction) and returns the token. */
  public String mint(String applicationId, Instant expiresAt) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql("insert into borrower_links (token_hash, token_ciphertext, application_id, expires_at) values (?, ?, ?, ?)")
        .params(PartnerDirectory.sha256(token), cipher.encrypt(token), UUID.fromString(applicationId),
            Timestamp.from(expiresAt))
        .update();
    return token;
  }

  public Optional<Link> find(String token) {
    if (token == null || token.length() < 20 || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql("select application_id, expires_at, used_at from borrower_links where token_hash = ?")
        .param(PartnerDirectory.sha256(token))
        .query((rs, n) -> new Link(rs.getString(1), rs.getTimestamp(2).toInstant(),
            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
        .optional();
  }

  /** Marks the link used; false when it was already used or has expired (a race loses here). */
  public boolean consume(String token) {
    return jdbc.sql("""
            update borrower_links set used_at = now()
             where token_hash = ? and used_at is null and expires_at > now()""")
        .param(PartnerDirectory.sha256(token)).update() == 1;
  }

  /** The token of an application's link, decrypted to be texted. */
  Optional<String> tokenOf(String applicationId) {
    return jdbc.sql("select token_ciphertext from borrower_links where application_id = ?")
        .param(UUID.fromString(applicationId))
        .query((rs, n) -> cipher.decrypt(rs.getBytes(1)))
        .optional();
  }

  boolean used(String applicationId) {
    return jdbc.sql("select used_at is not null from borrower_links where application_id = ?")
        .param(UUID.fromString(applicationId)).query(Boolean.class).optional().orElse(false);
  }
}
