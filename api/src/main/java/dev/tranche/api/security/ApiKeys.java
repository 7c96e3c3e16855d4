package dev.tranche.api.security;

import dev.tranche.api.web.RateLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * API-key authentication ({@code X-Api-Key}) for the partner API and the merchant API, plugged into Spring
 * Security's {@code AuthenticationFilter}: a converter reads the key, a provider checks its hash. The
 * authenticated name is {@code {kind}:{id}} ({@code partner:acme-crm}, {@code merchant:corner-shop}).
 */
public final class ApiKeys {

  static final String HEADER = "X-Api-Key";

  /** Who a key may belong to: the name's prefix and the role it grants. */
  public enum Kind {
    PARTNER("partner:", "PARTNER"), MERCHANT("merchant:", "MERCHANT");

    private final String prefix;
    private final String role;

    Kind(String prefix, String role) {
      this.prefix = prefix;
      this.role = role;
    }
  }

  /** A key that checked out: whose it is and its own rate limit. */
  public record Holder(String id, int ratePerMinute) {
  }

  private ApiKeys() {
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
   * The authenticated holder as a principal, carrying its own rate limit (the principal, unlike the
   * token's class, survives Spring Security re-building the token).
   */
  record KeyPrincipal(String name, long ratePerMinute) implements Principal, RateLimitFilter.RateLimited {

    @Override
    public String getName() {
      return name;
    }
  }

  /** A holder whose key checked out. */
  static final class AuthenticatedKey extends AbstractAuthenticationToken {
    private final KeyPrincipal principal;

    AuthenticatedKey(Kind kind, Holder holder) {
      super(List.of(new SimpleGrantedAuthority("ROLE_" + kind.role)));
      this.principal = new KeyPrincipal(kind.prefix + holder.id(), holder.ratePerMinute());
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

  static AuthenticationProvider provider(Kind kind, Function<String, Optional<Holder>> lookup) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String key = (String) authentication.getCredentials();
        return lookup.apply(key).map(holder -> (Authentication) new AuthenticatedKey(kind, holder))
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
    return idOf(Kind.PARTNER, auth);
  }

  /** The merchant id of an authenticated merchant, or null. */
  public static String merchantId(Authentication auth) {
    return idOf(Kind.MERCHANT, auth);
  }

  private static String idOf(Kind kind, Authentication auth) {
    return auth != null && auth.getName().startsWith(kind.prefix) ? auth.getName().substring(kind.prefix.length())
        : null;
  }
}
