package dev.tranche.decision;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The composite score from the product documents:
 * {@code credit*0.4 + min(income/5000,1)*300*0.3 + bankHealth*100*0.2 + kycConfidence*100*0.1}.
 */
public final class Scoring {

  private static final BigDecimal INCOME_CAP = BigDecimal.valueOf(5000);

  private Scoring() {
  }

  public static BigDecimal score(VerificationFacts facts) {
    BigDecimal credit = BigDecimal.valueOf(facts.bureau().score()).multiply(new BigDecimal("0.4"));
    BigDecimal incomeRatio = facts.bank().monthlyIncome().amount().max(BigDecimal.ZERO)
        .divide(INCOME_CAP, MathContext.DECIMAL64).min(BigDecimal.ONE);
    BigDecimal income = incomeRatio.multiply(BigDecimal.valueOf(300)).multiply(new BigDecimal("0.3"));
    BigDecimal bank = facts.bank().bankHealth().multiply(BigDecimal.valueOf(100)).multiply(new BigDecimal("0.2"));
    BigDecimal kyc = facts.kyc().confidence().multiply(BigDecimal.valueOf(100)).multiply(new BigDecimal("0.1"));
    return credit.add(income).add(bank).add(kyc).setScale(2, RoundingMode.HALF_UP);
  }
}
