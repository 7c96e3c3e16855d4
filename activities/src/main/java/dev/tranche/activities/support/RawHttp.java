package dev.tranche.activities.support;

import dev.tranche.common.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/**
 * Calls to a counterparty whose wire format is not plain JSON-in-JSON-out (XML quotes, signed
 * webhooks, per-partner URLs), with the same rule as {@code ProviderHttp}: 2xx is an answer, a 4xx
 * other than 408/429 is the counterparty's final refusal (non-retryable), anything else (5xx,
 * timeouts, a dead socket) is transient and thrown as the caller's own unavailable exception so
 * Temporal retries it (and a circuit breaker can count it).
 */
public final class RawHttp {

  private final HttpClient http;

  public RawHttp(Duration connectTimeout) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
  }

  public String send(String who, HttpRequest request, Function<String, RuntimeException> unavailable) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unavailable.apply(who + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable.apply(who + " call interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw ApplicationFailure.newNonRetryableFailure(who + " refused: " + status,
          FailureType.PROVIDER_REJECTED.name());
    }
    throw unavailable.apply(who + " answered " + status);
  }
}
