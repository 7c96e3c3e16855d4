package dev.tranche.marketplace;

import dev.tranche.decision.Tier;
import dev.tranche.money.Money;
import java.math.BigDecimal;

/** What a lender is asked to price: no PII, only the amount and our risk view. */
public record QuoteRequest(String applicationId, String lender, Money amount, Tier tier, BigDecimal score) {
}
