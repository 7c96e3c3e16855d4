package dev.tranche.api.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code Idempotency-Key} handling, kept 24 h: the first request with a key claims it for the
 * resource it creates; the same key with the same body returns that resource; the same key with
 * another body is a 409.
 */
@Component
public class Idempotency {

  static final Duration RETENTION = Duration.ofHours(24);

  private final JdbcClient jdbc;

  public Idempotency(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims {@code key} in {@code scope} for {@code resourceId}, inside the caller's transaction.
   *
   * @return empty when the claim is new; the earlier resource id when this is a repeat
   * @throws ApiProblem 409 when the key was used with a different request
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<String> claim(String scope, String key, String requestHash, String resourceId) {
    if (key.isBlank() || key.length() > 200) {
      throw ApiProblem.badRequest("Idempotency-Key must be 1 to 200 characters");
    }
    jdbc.sql("delete from idempotency_keys where scope = ? and key = ? and expires_at < now()")
        .params(scope, key).update();
    int claimed = jdbc.sql("""
            insert into idempotency_keys (scope, key, request_hash, resource_id, expires_at)
            values (?, ?, ?, ?, ?) on conflict (scope, key) do nothing""")
        .params(scope, key, requestHash, resourceId, Timestamp.from(Instant.now().plus(RETENTION)))
        .update();
    if (claimed == 1) {
      return Optional.empty();
    }
    var earlier = jdbc.sql("select request_hash, resource_id from idempotency_keys where scope = ? and key = ?")
        .params(scope, key)
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .single();
    if (!earlier[0].equals(requestHash)) {
      throw ApiProblem.conflict("Idempotency-Key " + key + " was already used with a different request");
    }
    return Optional.of(earlier[1]);
  }

  /** Points a key claimed in this transaction at the resource the request turned out to name. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void rebind(String scope, String key, String resourceId) {
    jdbc.sql("update idempotency_keys set resource_id = ? where scope = ? and key = ?").params(resourceId, scope, key)
        .update();
  }

  public static String hash(String canonicalRequest) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
