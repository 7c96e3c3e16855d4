package dev.tranche.decision;

import java.math.BigDecimal;
import java.util.List;

/** The outcome of the automated decision, with everything needed to explain it later. */
public record Decision(Action outcome, BigDecimal score, Tier tier, List<RuleHit> hits, List<String> reasonCodes,
    String policyVersion) {

  public Decision {
    hits = List.copyOf(hits);
    reasonCodes = List.copyOf(reasonCodes);
  }
}
