package dev.tranche.offer;

import dev.tranche.decision.Tier;
import dev.tranche.money.Money;
import java.math.BigDecimal;

/**
 * A priced offer. {@code apr} is the annual note rate in percent used for amortisation;
 * {@code originationFee} is deducted from the proceeds; {@code totalOfPayments} is the sum of all
 * installments. {@code expiresAtMillis} is epoch milliseconds.
 */
public record Offer(String offerId, Tier tier, String lender, Money principal, int termMonths, BigDecimal apr,
    Money monthlyPayment, Money originationFee, Money totalOfPayments, long expiresAtMillis) {
}
