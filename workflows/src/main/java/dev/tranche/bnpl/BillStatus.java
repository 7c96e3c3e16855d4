package dev.tranche.bnpl;

/** Where a bill stands. */
public enum BillStatus {
  /** A checkout session waiting for the shopper. */
  OPEN,
  /** The session ran out before the shopper confirmed. */
  EXPIRED,
  /** Authorised; waiting for the shopper's pledge of LP tokens before capture (a secured bill). */
  AWAITING_COLLATERAL,
  /** The shopper's authorisation was refused (limit, identity), or the pledge did not arrive. */
  DECLINED,
  /** Authorised and captured: the shopper owes, within the interest-free grace period. */
  CAPTURED,
  /** Past the due date with something unpaid: late interest accrues daily. */
  OVERDUE,
  /** Paid in full (or refunded to nothing). */
  PAID,
  /** Day 30 unpaid: placed with the collection agency. */
  WITH_AGENCY
}
