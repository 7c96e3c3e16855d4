package dev.tranche.marketplace;

import io.temporal.activity.ActivityInterface;

/** Asks one lender of the marketplace for quotes. */
@ActivityInterface
public interface MarketplaceActivities {

  /**
   * Quotes from {@code request.lender()}, from the cache while earlier quotes are valid. Fails
   * non-retryably with {@code LENDER_UNAVAILABLE} while the lender's circuit is open.
   */
  LenderQuotes requestQuotes(QuoteRequest request);
}
