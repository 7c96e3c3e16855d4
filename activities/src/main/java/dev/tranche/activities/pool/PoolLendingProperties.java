package dev.tranche.activities.pool;

import dev.tranche.decision.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The liquidity pool as a marketplace lender: the chain entry whose pool lends ({@code chain}; blank: the pool
 * never quotes), the terms it offers, how long its quotes hold, and its rate curve over utilisation, as lending
 * pools price: a base rate per tier, plus {@code slope} percentage points at the kink utilisation, rising by
 * {@code jumpSlope} points over the rest of the way to 100 %, so a nearly empty pool gets dear fast. The
 * utilisation priced is the pool's after the loan: (principal lent + this loan) / total assets. {@code interestShare}
 * is the pool's share of the interest its loans earn (the same setting as the bills', 0.80).
 */
@ConfigurationProperties("tranche.pool-lending")
public record PoolLendingProperties(String chain, Map<Tier, BigDecimal> baseRates, BigDecimal slope, BigDecimal kink,
    BigDecimal jumpSlope, List<Integer> terms, long quoteValidSeconds, BigDecimal interestShare) {

  public PoolLendingProperties(String chain, Map<Tier, BigDecimal> baseRates, BigDecimal slope, BigDecimal kink,
      BigDecimal jumpSlope, List<Integer> terms, long quoteValidSeconds) {
    this(chain, baseRates, slope, kink, jumpSlope, terms, quoteValidSeconds, null);
  }

  @org.springframework.boot.context.properties.bind.ConstructorBinding
  public PoolLendingProperties {
    baseRates = baseRates == null || baseRates.isEmpty()
        ? Map.of(Tier.A, new BigDecimal("6.00"), Tier.B, new BigDecimal("11.00"), Tier.C, new BigDecimal("18.00"))
        : Map.copyOf(baseRates);
    slope = slope == null ? new BigDecimal("4.00") : slope;
    kink = kink == null ? new BigDecimal("0.80") : kink;
    jumpSlope = jumpSlope == null ? new BigDecimal("60.00") : jumpSlope;
    terms = terms == null || terms.isEmpty() ? List.of(12, 24, 36) : List.copyOf(terms);
    quoteValidSeconds = quoteValidSeconds > 0 ? quoteValidSeconds : 900;
    interestShare = interestShare == null ? new BigDecimal("0.80") : interestShare;
  }

  public boolean lends() {
    return chain != null && !chain.isBlank();
  }

  /**
   * The note rate in percent for {@code tier} at {@code utilisation} (0..1, four places): base + slope × u / kink
   * up to the kink, then + jumpSlope × (u − kink) / (1 − kink); two places, half up.
   */
  public BigDecimal rate(Tier tier, BigDecimal utilisation) {
    BigDecimal u = utilisation.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    BigDecimal rate = baseRates.get(tier).add(slope.multiply(u.min(kink)).divide(kink, 10, RoundingMode.HALF_UP));
    if (u.compareTo(kink) > 0) {
      rate = rate.add(jumpSlope.multiply(u.subtract(kink)).divide(BigDecimal.ONE.subtract(kink), 10,
          RoundingMode.HALF_UP));
    }
    return rate.setScale(2, RoundingMode.HALF_UP);
  }

  /** The utilisation after lending {@code amount}: (lent + amount) / total assets, four places, half up. */
  public static BigDecimal utilisationAfter(BigDecimal lent, BigDecimal amount, BigDecimal totalAssets) {
    if (totalAssets.signum() <= 0) {
      return BigDecimal.ONE;
    }
    return lent.add(amount).divide(totalAssets, 4, RoundingMode.HALF_UP).min(BigDecimal.ONE);
  }
}
