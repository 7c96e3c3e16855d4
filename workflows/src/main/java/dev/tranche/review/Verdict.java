package dev.tranche.review;

/**
 * An underwriter's verdict. {@code COUNTER_OFFER} approves on conditions (a lower amount, a down
 * payment); {@code EXPIRED} when nobody decided within the review window.
 */
public enum Verdict {
  APPROVE, DECLINE, EXPIRED, COUNTER_OFFER
}
