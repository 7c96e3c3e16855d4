package dev.tranche.console;

import dev.tranche.common.Roles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Roles of a console user signed in by OpenID Connect: read from one claim of the ID token (or user info),
 * which must be an array of role names; names Tranche does not know are ignored. A user without a known
 * role is refused at sign-in. The user's name is the token's subject.
 */
final class OidcRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private static final List<String> KNOWN = List.of(Roles.BORROWER, Roles.UNDERWRITER, Roles.SENIOR_UNDERWRITER,
      Roles.OPS, Roles.SCHEDULER, Roles.ADMIN);

  private final OidcUserService delegate = new OidcUserService();
  private final String claim;

  OidcRoles(String claim) {
    this.claim = claim;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser user = delegate.loadUser(request);
    Object value = user.getClaims().get(claim);
    List<GrantedAuthority> authorities = new ArrayList<>();
    if (value instanceof Collection<?> names) {
      for (Object name : names) {
        if (name instanceof String role && KNOWN.contains(role)) {
          authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
      }
    }
    if (authorities.isEmpty()) {
      throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
          "the " + claim + " claim names no Tranche role (it must be an array such as [\"OPS\"])", null));
    }
    return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
  }
}
