package dev.tranche.decision;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Aggregated bank data: verified monthly income, average balance and NSF (bounced) count. */
public record BankSummary(Money monthlyIncome, Money averageBalance, int nsfCount) {

  private static final BigDecimal CUSHION = BigDecimal.valueOf(2000);
  private static final BigDecimal NSF_PENALTY = new BigDecimal("0.15");

  /**
   * Bank health in 0..1: half from the balance cushion (an average balance of 2,000 or more is a
   * full cushion), half from the absence of NSF events (each costs 0.15).
   */
  public BigDecimal bankHealth() {
    BigDecimal cushion = averageBalance.amount().max(BigDecimal.ZERO).divide(CUSHION, MathContext.DECIMAL64)
        .min(BigDecimal.ONE);
    BigDecimal conduct = BigDecimal.ONE.subtract(NSF_PENALTY.multiply(BigDecimal.valueOf(nsfCount)))
        .max(BigDecimal.ZERO);
    return cushion.add(conduct).divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_EVEN);
  }
}
