package dev.tranche.activities.servicing;

import dev.tranche.activities.support.RestClients;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * The embedded run's hand on the payment rail sandbox. {@link #send} stands in for a borrower's own bank
 * transfer quoting the loan's payment reference: the sandbox reports it to Tranche's signed payments webhook
 * like any payment processor, so the payment takes the same path as one made at a real bank. {@link #script}
 * decides how the rail will answer a loan's next autopay debits (the demo portfolio's late payers). Embedded
 * run only.
 */
@Component
@Profile("embedded")
public class RailSandbox {

  /** What the rail reported: its event id and the HTTP status Tranche's webhook answered. */
  public record Transfer(String eventId, int webhookStatus) {
  }

  private final RestClient rail;

  RailSandbox(ServicingProperties properties) {
    this.rail = RestClients.builder(Duration.ofSeconds(2), Duration.ofSeconds(15)).baseUrl(properties.railUrl())
        .build();
  }

  /** The rail answers the loan's next debits with {@code outcomes} in turn (SETTLE, REJECT, RETURN:R01). */
  public void script(String loanId, List<String> outcomes) {
    try {
      rail.post().uri("/sandbox/rails/script")
          .body(Map.of("account", ServicingActivitiesImpl.railAccount(loanId), "outcomes", outcomes))
          .retrieve().toBodilessEntity();
    } catch (RestClientException e) {
      throw new IllegalStateException("the payment rail sandbox did not take the script: " + e.getMessage(), e);
    }
  }

  /** Sends {@code amount} to the loan quoting {@code paymentReference}; throws when the rail cannot. */
  public Transfer send(String paymentReference, BigDecimal amount, String currency) {
    try {
      JsonNode answer = rail.post().uri("/sandbox/rails/transfers")
          .body(Map.of("paymentReference", paymentReference, "amount", amount.toPlainString(), "currency", currency))
          .retrieve().body(JsonNode.class);
      return new Transfer(answer.path("eventId").asString(), answer.path("webhookStatus").asInt());
    } catch (RestClientException e) {
      throw new IllegalStateException("the payment rail sandbox did not take the transfer: " + e.getMessage(), e);
    }
  }
}
