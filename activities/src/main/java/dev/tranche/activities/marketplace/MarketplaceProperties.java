package dev.tranche.activities.marketplace;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lender marketplace: each lender's quote endpoint and wire format, the HTTP timeout of a quote
 * call (the workflow's per-lender deadline), the circuit breaker and the quote cache.
 */
@ConfigurationProperties("tranche.marketplace")
public record MarketplaceProperties(Map<String, Lender> lenders, long quoteTimeoutMillis, Breaker breaker) {

  /**
   * A lender: its quote API's base URL, which adapter speaks its format, and the base URL of its loan
   * (funding) API, {@code {fundingUrl}/v1/loans…}; the loan is funded by the lender that quoted it.
   */
  public record Lender(String url, String format, String fundingUrl) {
  }

  /**
   * Opens after {@code failureThreshold} failures within {@code windowSeconds}; stays open for
   * {@code coolDownSeconds}, then lets one trial call through.
   */
  public record Breaker(int failureThreshold, long windowSeconds, long coolDownSeconds) {
  }
}
