package dev.tranche.marketplace;

import dev.tranche.money.Money;
import java.math.BigDecimal;

/**
 * One lender's quote, normalised from its wire format: the note rate in percent, the origination
 * fee in money, the term in months and when the quote lapses (epoch milliseconds).
 */
public record LenderQuote(String lender, String quoteId, int termMonths, BigDecimal noteRate, Money originationFee,
    long expiresAtMillis) {
}
