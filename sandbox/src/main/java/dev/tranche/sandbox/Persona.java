package dev.tranche.sandbox;

import java.math.BigDecimal;
import java.util.List;

/**
 * What every provider in the sandbox says about one person. The documented personas are keyed by
 * SSN (see the README); any other SSN gets a deterministic, plausible profile.
 */
public record Persona(String ssn, boolean identityFound, boolean identityVerified, BigDecimal kycConfidence,
    boolean sanctionsHit, List<String> fraudSignals, int creditScore, int tradelines, boolean recentBankruptcy,
    int inquiries, BigDecimal monthlyIncome, BigDecimal averageBalance, int nsfCount, boolean lenderFailsDisbursement) {

  static Persona forSsn(String ssn) {
    String digits = ssn == null ? "" : ssn.replaceAll("[^0-9]", "");
    return switch (digits) {
      case "111111111" -> prime(ssn);
      case "222222222" -> new Persona(ssn, true, true, new BigDecimal("0.93"), false, List.of(), 702, 1, false, 1,
          new BigDecimal("5200.00"), new BigDecimal("1800.00"), 0, false);
      case "333333333" -> new Persona(ssn, true, true, new BigDecimal("0.95"), false, List.of(), 588, 9, true, 4,
          new BigDecimal("3900.00"), new BigDecimal("300.00"), 3, false);
      case "444444444" -> new Persona(ssn, true, true, new BigDecimal("0.90"), true, List.of(), 731, 11, false, 0,
          new BigDecimal("7100.00"), new BigDecimal("5200.00"), 0, false);
      case "555555555" -> withLenderFailure(prime(ssn));
      case "666666666" -> new Persona(ssn, false, false, BigDecimal.ZERO, false, List.of(), 0, 0, false, 0,
          BigDecimal.ZERO, BigDecimal.ZERO, 0, false);
      default -> generated(ssn, digits);
    };
  }

  private static Persona prime(String ssn) {
    return new Persona(ssn, true, true, new BigDecimal("0.98"), false, List.of(), 782, 14, false, 0,
        new BigDecimal("8500.00"), new BigDecimal("6400.00"), 0, false);
  }

  private static Persona withLenderFailure(Persona p) {
    return new Persona(p.ssn(), p.identityFound(), p.identityVerified(), p.kycConfidence(), p.sanctionsHit(),
        p.fraudSignals(), p.creditScore(), p.tradelines(), p.recentBankruptcy(), p.inquiries(), p.monthlyIncome(),
        p.averageBalance(), p.nsfCount(), true);
  }

  private static Persona generated(String ssn, String digits) {
    int h = Math.abs(digits.hashCode());
    int score = 640 + h % 180;
    int tradelines = 3 + (h / 7) % 12;
    BigDecimal income = BigDecimal.valueOf(3000 + (h / 11) % 7000).setScale(2);
    BigDecimal balance = BigDecimal.valueOf(500 + (h / 13) % 6000).setScale(2);
    int nsf = (h / 17) % 5 == 0 ? 1 : 0;
    return new Persona(ssn, true, true, new BigDecimal("0.9" + (h % 9)), false, List.of(), score, tradelines, false,
        (h / 19) % 3, income, balance, nsf, false);
  }
}
