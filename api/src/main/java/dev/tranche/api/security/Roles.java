package dev.tranche.api.security;

import java.util.Set;

/** The platform's roles. */
public final class Roles {

  public static final String BORROWER = "BORROWER";
  public static final String UNDERWRITER = "UNDERWRITER";
  public static final String OPS = "OPS";
  public static final String SCHEDULER = "SCHEDULER";
  public static final String ADMIN = "ADMIN";
  public static final Set<String> ALL = Set.of(BORROWER, UNDERWRITER, OPS, SCHEDULER, ADMIN);

  private Roles() {
  }
}
