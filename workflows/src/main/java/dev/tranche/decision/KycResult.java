package dev.tranche.decision;

import java.math.BigDecimal;
import java.util.List;

/** What identity verification and sanctions screening found. Confidence is 0..1. */
public record KycResult(boolean identityVerified, BigDecimal confidence, boolean sanctionsHit,
    List<String> fraudSignals) {

  public KycResult {
    fraudSignals = fraudSignals == null ? List.of() : List.copyOf(fraudSignals);
  }
}
