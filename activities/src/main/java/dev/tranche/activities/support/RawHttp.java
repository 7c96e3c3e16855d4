package dev.tranche.activities.support;

import dev.tranche.common.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls to a counterparty whose wire format is not plain JSON-in-JSON-out (XML quotes, signed
 * webhooks, per-partner URLs), with the same rule as {@code ProviderHttp}: 2xx is an answer, a 4xx
 * other than 408/429 is the counterparty's final refusal (non-retryable), anything else (5xx,
 * timeouts, a dead socket) is transient and thrown as the caller's own unavailable exception so
 * Temporal retries it (and a circuit breaker can count it).
 */
public final class RawHttp {

  private final RestClient client;

  public RawHttp(Duration connectTimeout, Duration readTimeout) {
    this.client = RestClients.builder(connectTimeout, readTimeout).build();
  }

  /** Posts {@code body} as it is, with {@code headers} (its content type among them); returns the answer's body. */
  public String post(String who, String url, Map<String, String> headers, String body,
      Function<String, RuntimeException> unavailable) {
    try {
      return client.post().uri(URI.create(url)).headers(h -> headers.forEach(h::set)).body(body)
          .exchange((request, response) -> {
            int status = response.getStatusCode().value();
            String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (status >= 200 && status < 300) {
              return answer;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
              throw ApplicationFailure.newNonRetryableFailure(who + " refused: " + status,
                  FailureType.PROVIDER_REJECTED.name());
            }
            throw unavailable.apply(who + " answered " + status);
          });
    } catch (ResourceAccessException e) {
      // The I/O failure itself (an HttpTimeoutException at the read timeout, a refused connection, ...).
      throw unavailable.apply(who + " did not answer: " + (e.getCause() != null ? e.getCause() : e));
    }
  }
}
