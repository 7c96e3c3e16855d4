package dev.tranche.activities.marketplace;

import dev.tranche.activities.support.RawHttp;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One HTTP client for every quote call, with the per-lender deadline as its request timeout so a
 * hung lender releases the worker's thread when the workflow stops waiting for it.
 */
@Component
public class LenderHttp {

  private final RawHttp http;

  LenderHttp(MarketplaceProperties properties) {
    this.http = new RawHttp(Duration.ofSeconds(2),
        Duration.ofMillis(properties.quoteTimeoutMillis() > 0 ? properties.quoteTimeoutMillis() : 2000));
  }

  /** Posts {@code body}; 2xx returns the answer, 4xx is a non-retryable refusal, anything else throws. */
  String post(String lender, String url, String contentType, String body) {
    return http.post(lender, url, Map.of("Content-Type", contentType, "Accept", contentType), body,
        LenderUnavailableException::new);
  }

  /** A lender that is down, slow or erroring: counts against its circuit. */
  public static final class LenderUnavailableException extends RuntimeException {
    public LenderUnavailableException(String message) {
      super(message);
    }
  }
}
