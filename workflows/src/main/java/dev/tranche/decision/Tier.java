package dev.tranche.decision;

/** Pricing tier; A is the best. */
public enum Tier {
  A, B, C
}
