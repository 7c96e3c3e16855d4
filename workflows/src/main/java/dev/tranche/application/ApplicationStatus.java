package dev.tranche.application;

/**
 * Where an application stands, as the borrower sees it. {@code INVITED}: a partner started it for the
 * borrower; {@code AWAITING_COLLATERAL}: accepted, waiting for the collateral deposit on-chain;
 * {@code NEEDS_ATTENTION}: a provider stayed unavailable past its retries, the borrower was told the
 * application is delayed, and it waits for ops to resume it (it expires if nobody does); {@code CANCELLED}: ops
 * cancelled it before the borrower signed.
 */
public enum ApplicationStatus {
  INVITED, SUBMITTED, VERIFYING, IN_REVIEW, OFFERED, ACCEPTED, AWAITING_COLLATERAL, DECLINED, EXPIRED, FUNDING, FUNDED,
  FAILED, NEEDS_ATTENTION, CANCELLED;

  /** Whether the borrower has an answer: anything past verification (offers, an underwriter's queue, a decline). */
  public boolean decided() {
    return this != INVITED && this != SUBMITTED && this != VERIFYING;
  }

  public boolean isFinal() {
    return this == DECLINED || this == EXPIRED || this == FUNDED || this == FAILED || this == CANCELLED;
  }
}
