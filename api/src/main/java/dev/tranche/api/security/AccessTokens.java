package dev.tranche.api.security;

import com.nimbusds.jwt.JWTParser;
import dev.tranche.common.Roles;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The API's bearer tokens. Two issuers, told apart by {@code iss} before any signature is checked:
 * <ul>
 *   <li>the identity provider (OpenID Connect): RS/ES-signed, verified against its key set (JWKS), roles
 *       from a configurable array claim: how staff, schedulers and borrowers sign in outside the embedded
 *       run;</li>
 *   <li>Tranche itself: HS256 with {@code tranche.security.jwt-secret}. Embedded, the dev-token endpoint
 *       mints these with any role; elsewhere only a borrower's session after a partner's link is one, so
 *       a self-issued token naming any other role is refused.</li>
 * </ul>
 * Every token is checked strictly: issuer, audience, an expiry, and roles as an array (a string such as
 * {@code "OPS ADMIN"} is refused, not split on spaces).
 */
final class AccessTokens {

  static final String OWN_ROLES_CLAIM = "roles";

  private AccessTokens() {
  }

  /** The identity provider's settings; {@code issuer} blank: none (the embedded run). */
  record IdentityProvider(String issuer, String jwkSetUri, String rolesClaim) {

    boolean configured() {
      return issuer != null && !issuer.isBlank() && jwkSetUri != null && !jwkSetUri.isBlank();
    }
  }

  /** Decodes either issuer's tokens; an unknown issuer, a malformed token or a bad signature is refused. */
  static JwtDecoder decoder(SecretKey ownKey, String ownIssuer, String audience, IdentityProvider idp,
      boolean ownTokensAnyRole) {
    JwtDecoder own = ownDecoder(ownKey, ownIssuer, audience, ownTokensAnyRole);
    if (!idp.configured()) {
      return own;
    }
    NimbusJwtDecoder provider = NimbusJwtDecoder.withJwkSetUri(idp.jwkSetUri()).build();
    provider.setJwtValidator(strict(idp.issuer(), audience, idp.rolesClaim()));
    return token -> idp.issuer().equals(issuer(token)) ? provider.decode(token) : own.decode(token);
  }

  /** Tranche's own HS256 tokens. */
  static NimbusJwtDecoder ownDecoder(SecretKey key, String issuer, String audience, boolean anyRole) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    OAuth2TokenValidator<Jwt> strict = strict(issuer, audience, OWN_ROLES_CLAIM);
    decoder.setJwtValidator(anyRole ? strict : new DelegatingOAuth2TokenValidator<>(strict,
        new JwtClaimValidator<Collection<?>>(OWN_ROLES_CLAIM,
            roles -> roles == null || List.of(Roles.BORROWER).containsAll(roles))));
    return decoder;
  }

  private static OAuth2TokenValidator<Jwt> strict(String issuer, String audience, String rolesClaim) {
    return new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(issuer),
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
        new JwtClaimValidator<Object>(rolesClaim, roles -> roles == null || roles instanceof Collection));
  }

  /** A token's roles as {@code ROLE_…} authorities, from the claim its issuer uses. */
  static Converter<Jwt, Collection<GrantedAuthority>> authorities(IdentityProvider idp) {
    return jwt -> {
      String claim = idp.configured() && idp.issuer().equals(jwt.getClaimAsString(JwtClaimNames.ISS))
          ? idp.rolesClaim() : OWN_ROLES_CLAIM;
      List<String> roles = jwt.getClaimAsStringList(claim);
      return roles == null ? List.of()
          : roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    };
  }

  private static String issuer(String token) {
    try {
      return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      throw new BadJwtException("malformed token", e);
    }
  }
}
