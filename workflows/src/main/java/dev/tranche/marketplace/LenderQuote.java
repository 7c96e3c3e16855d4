package dev.tranche.marketplace;

import dev.tranche.money.Money;
import java.math.BigDecimal;

/**
 * One lender's quote, normalised from its wire format: the note rate in percent, the origination
 * fee in money, the term in months and when the quote lapses (epoch milliseconds, the lender's clock).
 * {@code validForMillis} is how long it was still valid when it was handed to the workflow, so the
 * workflow can judge it on its own clock (which the embedded run can move ahead of the lender's); it is
 * 0 in quotes recorded before it existed, which are judged by {@code expiresAtMillis}, and negative for
 * a quote that had already lapsed.
 */
public record LenderQuote(String lender, String quoteId, int termMonths, BigDecimal noteRate, Money originationFee,
    long expiresAtMillis, long validForMillis) {

  public LenderQuote(String lender, String quoteId, int termMonths, BigDecimal noteRate, Money originationFee,
      long expiresAtMillis) {
    this(lender, quoteId, termMonths, noteRate, originationFee, expiresAtMillis, 0);
  }

  /** The quote as handed over at {@code nowMillis} (the lender's clock): how long it is still good for. */
  public LenderQuote handedOverAt(long nowMillis) {
    long left = expiresAtMillis - nowMillis;
    return new LenderQuote(lender, quoteId, termMonths, noteRate, originationFee, expiresAtMillis,
        left > 0 ? left : -1);
  }

  /** When it lapses on the clock of a workflow that received it at {@code receivedAtMillis}. */
  public long lapsesAt(long receivedAtMillis) {
    return validForMillis == 0 ? expiresAtMillis : validForMillis < 0 ? receivedAtMillis
        : receivedAtMillis + validForMillis;
  }
}
