package dev.tranche.api.security;

import org.springframework.security.core.Authentication;

/** Who is calling: the token subject and whether they only see their own records. */
public record Caller(String subject, boolean borrowerOnly) {

  public static Caller of(Authentication auth) {
    boolean staff = auth.getAuthorities().stream().anyMatch(a -> !a.getAuthority().equals("ROLE_" + Roles.BORROWER));
    return new Caller(auth.getName(), !staff);
  }

  /** A borrower sees only their own records; anyone else's look like they do not exist. */
  public boolean mayRead(String ownerId) {
    return !borrowerOnly || subject.equals(ownerId);
  }
}
