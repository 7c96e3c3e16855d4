package dev.tranche.common;

import java.util.Set;

/** The platform's roles. */
public final class Roles {

  public static final String BORROWER = "BORROWER";
  public static final String UNDERWRITER = "UNDERWRITER";
  public static final String OPS = "OPS";
  public static final String SCHEDULER = "SCHEDULER";
  public static final String ADMIN = "ADMIN";
  /** Takes escalated reviews; holds every underwriter permission too. */
  public static final String SENIOR_UNDERWRITER = "SENIOR_UNDERWRITER";
  /** A CRM partner, authenticated by API key on the partner API only (never by token). */
  public static final String PARTNER = "PARTNER";
  /** A merchant, authenticated by API key on the merchant API only (never by token). */
  public static final String MERCHANT = "MERCHANT";
  /** The roles a token may carry. */
  public static final Set<String> ALL = Set.of(BORROWER, UNDERWRITER, SENIOR_UNDERWRITER, OPS, SCHEDULER, ADMIN);

  private Roles() {
  }
}
