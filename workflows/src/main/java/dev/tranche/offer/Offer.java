package dev.tranche.offer;

import dev.tranche.decision.Tier;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * A priced offer. {@code apr} is the annual note rate in percent used for amortisation;
 * {@code originationFee} is deducted from the proceeds; {@code totalOfPayments} is the sum of all
 * installments. {@code expiresAtMillis} is epoch milliseconds. Marketplace offers also carry the
 * lender's {@code quoteId}, the Regulation Z {@code disclosure} (whose APR includes the fee) and
 * any underwriting {@code conditions}; offers from before the marketplace have none of the three.
 */
public record Offer(String offerId, Tier tier, String lender, Money principal, int termMonths, BigDecimal apr,
    Money monthlyPayment, Money originationFee, Money totalOfPayments, long expiresAtMillis, String quoteId,
    TilaDisclosure disclosure, List<String> conditions) {

  public Offer {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** An offer priced from the product's own rate card (before the marketplace). */
  public Offer(String offerId, Tier tier, String lender, Money principal, int termMonths, BigDecimal apr,
      Money monthlyPayment, Money originationFee, Money totalOfPayments, long expiresAtMillis) {
    this(offerId, tier, lender, principal, termMonths, apr, monthlyPayment, originationFee, totalOfPayments,
        expiresAtMillis, null, null, List.of());
  }
}
