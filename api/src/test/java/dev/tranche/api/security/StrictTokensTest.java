package dev.tranche.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Tokens are checked strictly: issuer, audience, an expiry, and roles as an array. */
class StrictTokensTest {

  private static final SecretKey KEY = new SecretKeySpec(
      "a-test-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  private final JwtDecoder decoder = AccessTokens.ownDecoder(KEY, "tranche", "tranche-api", true);
  private final NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(KEY));

  private String token(Consumer<JwtClaimsSet.Builder> change) {
    Instant now = Instant.now();
    JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("tranche").audience(List.of("tranche-api"))
        .subject("ops-1").issuedAt(now).expiresAt(now.plusSeconds(300)).claim("roles", List.of("OPS"));
    change.accept(claims);
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
        .getTokenValue();
  }

  @Test
  void the_issuers_own_tokens_pass() {
    String issued = new TokenIssuer(encoder, "tranche", "tranche-api").issue("ops-1", List.of("OPS"),
        Duration.ofMinutes(5));
    assertThat(decoder.decode(issued).getClaimAsStringList("roles")).containsExactly("OPS");
    assertThat(decoder.decode(token(c -> { })).getSubject()).isEqualTo("ops-1");
  }

  @Test
  void another_issuer_another_audience_no_expiry_or_roles_as_a_string_are_refused() {
    assertThatThrownBy(() -> decoder.decode(token(c -> c.issuer("someone-else"))))
        .isInstanceOf(JwtValidationException.class).hasMessageContaining("iss");
    assertThatThrownBy(() -> decoder.decode(token(c -> c.audience(List.of("another-api")))))
        .isInstanceOf(JwtValidationException.class).hasMessageContaining("aud");
    assertThatThrownBy(() -> decoder.decode(token(c -> c.claims(claims -> claims.remove("exp")))))
        .isInstanceOf(JwtValidationException.class).hasMessageContaining("exp");
    assertThatThrownBy(() -> decoder.decode(token(c -> c.claim("roles", "OPS ADMIN"))))
        .isInstanceOf(JwtValidationException.class).hasMessageContaining("roles");
  }
}
