package dev.tranche.api.security;

import dev.tranche.activities.partner.PartnerDirectory;
import dev.tranche.api.web.RateLimitFilter;
import dev.tranche.common.Roles;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Partner authentication by API key ({@code X-Api-Key}), plugged into Spring Security's
 * {@code AuthenticationFilter}: a converter reads the key, a provider checks its hash. The
 * authenticated name is {@code partner:{partnerId}}.
 */
public final class PartnerApiKeys {

  static final String HEADER = "X-Api-Key";
  static final String PREFIX = "partner:";

  private PartnerApiKeys() {
  }

  /** An API key as presented, not yet checked. */
  static final class PresentedKey extends AbstractAuthenticationToken {
    private final String key;

    PresentedKey(String key) {
      super(List.of());
      this.key = key;
    }

    @Override
    public Object getCredentials() {
      return key;
    }

    @Override
    public Object getPrincipal() {
      return "api-key";
    }
  }

  /**
   * The authenticated partner as a principal: named {@code partner:{id}} and carrying its own rate
   * limit (the principal, unlike the token's class, survives Spring Security re-building the token).
   */
  record PartnerPrincipal(String partnerId, long ratePerMinute) implements Principal, RateLimitFilter.RateLimited {

    @Override
    public String getName() {
      return PREFIX + partnerId;
    }
  }

  /** A partner whose key checked out. */
  static final class AuthenticatedPartner extends AbstractAuthenticationToken {
    private final PartnerPrincipal principal;

    AuthenticatedPartner(PartnerDirectory.Caller caller) {
      super(List.of(new SimpleGrantedAuthority("ROLE_" + Roles.PARTNER)));
      this.principal = new PartnerPrincipal(caller.partnerId(), caller.ratePerMinute());
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return null;
    }

    @Override
    public Object getPrincipal() {
      return principal;
    }
  }

  static AuthenticationConverter converter() {
    return (HttpServletRequest request) -> {
      String key = request.getHeader(HEADER);
      return key == null || key.isBlank() ? null : new PresentedKey(key.trim());
    };
  }

  static AuthenticationProvider provider(PartnerDirectory partners) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String key = (String) authentication.getCredentials();
        return partners.authenticate(key).map(AuthenticatedPartner::new)
            .orElseThrow(() -> new BadCredentialsException("unknown or expired API key"));
      }

      @Override
      public boolean supports(Class<?> type) {
        return PresentedKey.class.isAssignableFrom(type);
      }
    };
  }

  /** The partner id of an authenticated partner, or null. */
  public static String partnerId(Authentication auth) {
    return auth != null && auth.getName().startsWith(PREFIX) ? auth.getName().substring(PREFIX.length()) : null;
  }
}
