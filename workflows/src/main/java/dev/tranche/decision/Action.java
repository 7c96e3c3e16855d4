package dev.tranche.decision;

/** What a rule asks for when it matches, in increasing severity. */
public enum Action {
  APPROVE, MANUAL_REVIEW, DECLINE
}
