package dev.tranche.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Outside the embedded run, people sign in with the identity provider: its tokens are verified against
 * its key set, fetched over HTTP from a JWKS endpoint (here a locally generated RSA key served by a JDK
 * HTTP server), with roles from the configured claim. Tranche's own tokens remain for a borrower's session.
 */
class IdentityProviderTokensTest {

  private static final String ISSUER = "https://id.example.test/realms/tranche";
  private static final SecretKey OWN_KEY = new SecretKeySpec(
      "a-test-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  private static RSAKey providerKey;
  private static RSAKey strangerKey;
  private static HttpServer jwks;
  private static AccessTokens.IdentityProvider idp;

  @BeforeAll
  static void keySet() throws Exception {
    providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
    strangerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
    byte[] body = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext("/certs", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    jwks.start();
    idp = new AccessTokens.IdentityProvider(ISSUER,
        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs", "tranche_roles");
  }

  @AfterAll
  static void stop() {
    jwks.stop(0);
  }

  private final JwtDecoder production = AccessTokens.decoder(OWN_KEY, "tranche", "tranche-api", idp, false);

  private static String providerToken(RSAKey key, Consumer<JwtClaimsSet.Builder> change) {
    Instant now = Instant.now();
    JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of("tranche-api"))
        .subject("ops-1").issuedAt(now).expiresAt(now.plusSeconds(300)).claim("tranche_roles", List.of("OPS"));
    change.accept(claims);
    NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID())
        .build(), claims.build())).getTokenValue();
  }

  private static String ownToken(List<String> roles) {
    Instant now = Instant.now();
    JwtClaimsSet claims = JwtClaimsSet.builder().issuer("tranche").audience(List.of("tranche-api"))
        .subject("borrower-1").issuedAt(now).expiresAt(now.plusSeconds(300)).claim("roles", roles).build();
    return new NimbusJwtEncoder(new ImmutableSecret<>(OWN_KEY)).encode(JwtEncoderParameters.from(
        JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
  }

  private static List<String> roles(Jwt jwt) {
    return AccessTokens.authorities(idp).convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
  }

  @Test
  void the_providers_tokens_are_verified_against_its_key_set_and_carry_the_configured_roles_claim() {
    Jwt jwt = production.decode(providerToken(providerKey, c -> { }));
    assertThat(jwt.getSubject()).isEqualTo("ops-1");
    assertThat(roles(jwt)).containsExactly("ROLE_OPS");
  }

  @Test
  void a_token_signed_by_another_key_for_another_audience_expired_or_with_roles_as_a_string_is_refused() {
    assertThatThrownBy(() -> production.decode(providerToken(strangerKey, c -> { })))
        .isInstanceOf(JwtException.class);
    assertThatThrownBy(() -> production.decode(providerToken(providerKey, c -> c.audience(List.of("other")))))
        .isInstanceOf(JwtException.class).hasMessageContaining("aud");
    assertThatThrownBy(() -> production.decode(providerToken(providerKey,
        c -> c.issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)))))
        .isInstanceOf(JwtException.class).hasMessageContaining("expired");
    assertThatThrownBy(() -> production.decode(providerToken(providerKey, c -> c.claim("tranche_roles", "OPS"))))
        .isInstanceOf(JwtException.class).hasMessageContaining("tranche_roles");
    assertThatThrownBy(() -> production.decode("not.a.token")).isInstanceOf(JwtException.class);
  }

  @Test
  void outside_the_embedded_run_a_self_issued_token_is_a_borrowers_session_and_nothing_more() {
    assertThat(roles(production.decode(ownToken(List.of("BORROWER"))))).containsExactly("ROLE_BORROWER");
    assertThatThrownBy(() -> production.decode(ownToken(List.of("ADMIN")))).isInstanceOf(JwtException.class)
        .hasMessageContaining("roles");
    JwtDecoder embedded = AccessTokens.decoder(OWN_KEY, "tranche", "tranche-api", idp, true);
    assertThat(roles(embedded.decode(ownToken(List.of("ADMIN"))))).containsExactly("ROLE_ADMIN");
  }
}
