package dev.tranche.offer;

import dev.tranche.decision.Tier;
import java.math.BigDecimal;
import java.util.List;

/** Terms, rates and fees per tier: the product's rate card. */
public final class PriceGrid {

  /** One row of the rate card. */
  public record Price(int termMonths, BigDecimal apr, BigDecimal feePercent) {
  }

  private PriceGrid() {
  }

  public static List<Price> forTier(Tier tier) {
    return switch (tier) {
      case A -> List.of(price(24, "7.99", "1.00"), price(36, "8.99", "1.00"), price(60, "10.49", "1.50"));
      case B -> List.of(price(24, "12.99", "3.00"), price(36, "13.99", "3.00"), price(48, "15.49", "3.50"));
      case C -> List.of(price(12, "19.99", "5.00"), price(24, "22.99", "5.00"));
    };
  }

  private static Price price(int term, String apr, String fee) {
    return new Price(term, new BigDecimal(apr), new BigDecimal(fee));
  }
}
