package dev.tranche.activities.verification;

import dev.tranche.activities.support.RestClients;
import dev.tranche.common.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-over-HTTP client for one provider. 4xx answers are the provider's business refusals and
 * fail non-retryably (404 as {@code notFound}, others as the provider's refusal type); 5xx and
 * transport faults propagate so Temporal retries them.
 */
public final class ProviderHttp {

  private final String provider;
  private final FailureType refusal;
  private final RestClient client;

  /** @param refusal the failure type of this provider's business refusals (a 4xx other than 404) */
  public ProviderHttp(String provider, FailureType refusal, String baseUrl, int connectTimeoutMillis,
      int readTimeoutMillis) {
    this.provider = provider;
    this.refusal = refusal;
    this.client = RestClients.builder(Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis))
        .baseUrl(baseUrl).build();
  }

  public JsonNode post(String path, Object body, Map<String, String> headers, FailureType notFound) {
    return client.post().uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .headers(h -> headers.forEach(h::set))
        .body(body)
        .exchange((request, response) -> read(response.getStatusCode(), response.bodyTo(JsonNode.class), notFound));
  }

  public JsonNode get(String path, FailureType notFound) {
    return client.get().uri(path)
        .exchange((request, response) -> read(response.getStatusCode(), response.bodyTo(JsonNode.class), notFound));
  }

  private JsonNode read(HttpStatusCode status, JsonNode body, FailureType notFound) {
    if (status.is2xxSuccessful()) {
      return body;
    }
    String code = body == null ? "" : body.path("error").asString("");
    if (status.value() == 404 && notFound != null) {
      throw ApplicationFailure.newNonRetryableFailure(provider + " answered 404 " + code, notFound.name());
    }
    if (status.is4xxClientError() && status.value() != 408 && status.value() != 429) {
      throw ApplicationFailure.newNonRetryableFailure(provider + " refused: " + status.value() + " " + code,
          refusal.name());
    }
    throw new ProviderUnavailableException(provider + " answered " + status.value() + " " + code);
  }

  /** A transient provider fault; Temporal retries the activity. */
  public static final class ProviderUnavailableException extends RuntimeException {
    public ProviderUnavailableException(String message) {
      super(message);
    }
  }
}
