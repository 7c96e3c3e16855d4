package dev.tranche.decision;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Applies a {@link Policy} to verification facts. Pure: the same facts give the same decision. */
public final class DecisionEngine {

  private DecisionEngine() {
  }

  public static Decision decide(Policy policy, VerificationFacts facts) {
    var fields = facts.asFields();
    List<RuleHit> hits = new ArrayList<>();
    for (Rule rule : policy.rules()) {
      if (rule.matches(fields)) {
        hits.add(new RuleHit(rule.id(), rule.action(), rule.reasonCode()));
      }
    }
    BigDecimal score = Scoring.score(facts);
    if (score.compareTo(policy.minimumScore()) < 0) {
      hits.add(new RuleHit("minimum-score", Action.DECLINE, "LOW_SCORE"));
    }
    Action outcome = hits.stream().map(RuleHit::action).max(Enum::compareTo).orElse(Action.APPROVE);
    List<String> reasons = hits.stream().filter(h -> h.action() == outcome).map(RuleHit::reasonCode).toList();
    Tier tier = score.compareTo(policy.tierA()) >= 0 ? Tier.A
        : score.compareTo(policy.tierB()) >= 0 ? Tier.B : Tier.C;
    return new Decision(outcome, score, tier, hits, reasons, policy.version());
  }
}
