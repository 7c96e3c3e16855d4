package dev.tranche.marketplace;

import java.util.List;

/** A lender's answer: its quotes (none when it declines) and whether they came from the quote cache. */
public record LenderQuotes(String lender, List<LenderQuote> quotes, boolean cached) {

  public LenderQuotes {
    quotes = List.copyOf(quotes);
  }
}
