package dev.tranche.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Mints Tranche's own HS256 tokens with a {@code roles} claim: a borrower's session after a partner link and, in
 * the embedded run, the dev tokens (tests use it too). Everyone else's tokens come from the identity provider.
 */
public class TokenIssuer {

  private final JwtEncoder encoder;
  private final String issuer;
  private final String audience;

  public TokenIssuer(JwtEncoder encoder, String issuer, String audience) {
    this.encoder = encoder;
    this.issuer = issuer;
    this.audience = audience;
  }

  public String issue(String subject, List<String> roles, Duration ttl) {
    Instant now = Instant.now();
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(issuer)
        .audience(List.of(audience))
        .subject(subject)
        .issuedAt(now)
        .expiresAt(now.plus(ttl))
        .claim("roles", roles)
        .build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
        .getTokenValue();
  }
}
