package dev.tranche.decision;

/** A rule that matched, kept in the decision snapshot. */
public record RuleHit(String ruleId, Action action, String reasonCode) {
}
