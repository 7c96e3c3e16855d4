package dev.tranche.application;

import dev.tranche.decision.Decision;
import dev.tranche.decision.VerificationFacts;

/** The decision snapshot: inputs, rule hits, score and policy version, plus who decided. */
public record DecisionRecord(String applicationId, String decidedBy, Decision decision, VerificationFacts facts,
    String notes) {
}
