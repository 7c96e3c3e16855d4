package dev.tranche.activities.marketplace;

import dev.tranche.common.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * One HTTP client for every quote call, with the per-lender deadline as its request timeout so a
 * hung lender releases the worker's thread when the workflow stops waiting for it.
 */
@Component
class LenderHttp {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Duration timeout;

  LenderHttp(MarketplaceProperties properties) {
    this.timeout = Duration.ofMillis(properties.quoteTimeoutMillis() > 0 ? properties.quoteTimeoutMillis() : 2000);
  }

  /** Posts {@code body}; 2xx returns the answer, 4xx is a non-retryable refusal, anything else throws. */
  String post(String lender, String url, String contentType, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", contentType).header("Accept", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LenderUnavailableException(lender + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LenderUnavailableException(lender + " call interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw ApplicationFailure.newNonRetryableFailure(lender + " refused the quote request: " + status,
          FailureType.PROVIDER_REJECTED.name());
    }
    throw new LenderUnavailableException(lender + " answered " + status);
  }

  /** A lender that is down, slow or erroring: counts against its circuit. */
  static final class LenderUnavailableException extends RuntimeException {
    LenderUnavailableException(String message) {
      super(message);
    }
  }
}
