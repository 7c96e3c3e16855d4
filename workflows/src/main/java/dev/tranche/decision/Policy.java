package dev.tranche.decision;

import java.math.BigDecimal;
import java.util.List;

/**
 * A versioned credit policy: rules as data and the composite-score cut-offs for each tier. An
 * application scoring below {@code minimumScore} is declined with {@code LOW_SCORE}.
 */
public record Policy(String version, List<Rule> rules, BigDecimal tierA, BigDecimal tierB,
    BigDecimal minimumScore) {

  public Policy {
    rules = List.copyOf(rules);
  }

  /** The default policy (ARCHITECTURE.md): bankruptcy or sanctions decline; weak files go to a person. */
  public static Policy standard() {
    return new Policy("2026-11-v1", List.of(
        new Rule("kyc-unverified", "kyc.identityVerified", Operator.EQ, "false", Action.DECLINE, "IDENTITY_NOT_VERIFIED"),
        new Rule("sanctions-hit", "kyc.sanctionsHit", Operator.EQ, "true", Action.DECLINE, "SANCTIONS_HIT"),
        new Rule("recent-bankruptcy", "bureau.recentBankruptcy", Operator.EQ, "true", Action.DECLINE, "RECENT_BANKRUPTCY"),
        new Rule("low-bureau-score", "bureau.score", Operator.LT, "650", Action.MANUAL_REVIEW, "LOW_CREDIT_SCORE"),
        new Rule("thin-file", "bureau.thinFile", Operator.EQ, "true", Action.MANUAL_REVIEW, "THIN_FILE"),
        new Rule("fraud-signals", "kyc.fraudSignalCount", Operator.GT, "0", Action.MANUAL_REVIEW, "FRAUD_SIGNALS"),
        new Rule("synthetic-id", "kyc.fraudSignals", Operator.INCLUDES, "SYNTHETIC_IDENTITY", Action.DECLINE, "FRAUD_SYNTHETIC_IDENTITY")),
        new BigDecimal("400"), new BigDecimal("350"), new BigDecimal("250"));
  }
}
