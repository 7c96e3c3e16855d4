package dev.tranche.api.security;

import dev.tranche.common.Roles;
import org.springframework.security.core.Authentication;

/** Who is calling: the token subject and whether they only see their own records. */
public record Caller(String subject, boolean borrowerOnly) {

  private static final java.util.Set<String> STAFF = java.util.Set.of("ROLE_" + Roles.UNDERWRITER,
      "ROLE_" + Roles.SENIOR_UNDERWRITER, "ROLE_" + Roles.OPS, "ROLE_" + Roles.ADMIN);

  public static Caller of(Authentication auth) {
    // Only named staff roles widen visibility; other authorities (e.g. Spring Security's FACTOR_*) never do.
    boolean staff = auth.getAuthorities().stream().map(a -> a.getAuthority())
        .anyMatch(a -> STAFF.contains(a));
    return new Caller(auth.getName(), !staff);
  }

  /** A borrower sees only their own records; anyone else's look like they do not exist. */
  public boolean mayRead(String ownerId) {
    return !borrowerOnly || subject.equals(ownerId);
  }

  /** The platform roles a token carries (without the {@code ROLE_} prefix), as workflows check them. */
  public static java.util.List<String> roles(Authentication auth) {
    return auth.getAuthorities().stream().map(a -> a.getAuthority())
        .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList();
  }
}
