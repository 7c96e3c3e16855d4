package dev.tranche.offer;

import dev.tranche.decision.Tier;
import dev.tranche.money.Amortization;
import dev.tranche.money.Installment;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Builds the 2–3 offers for a tier from the {@link PriceGrid}. Pure and deterministic. */
public final class OfferCalculator {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private OfferCalculator() {
  }

  public static List<Offer> offers(Money principal, Tier tier, String lender, long nowMillis, long validityMillis) {
    return PriceGrid.forTier(tier).stream().map(price -> {
      List<Installment> schedule = Amortization.schedule(principal, price.apr(), price.termMonths(),
          LocalDates.utcDate(nowMillis));
      Money fee = principal.times(price.feePercent().divide(HUNDRED), RoundingMode.HALF_UP);
      return new Offer("OFR-" + tier + "-" + price.termMonths(), tier, lender, principal, price.termMonths(),
          price.apr(), schedule.getFirst().total(), fee, Amortization.totalOfPayments(schedule),
          nowMillis + validityMillis);
    }).toList();
  }
}
