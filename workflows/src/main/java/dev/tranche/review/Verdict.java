package dev.tranche.review;

/** An underwriter's verdict; {@code EXPIRED} when nobody decided within the review window. */
public enum Verdict {
  APPROVE, DECLINE, EXPIRED
}
