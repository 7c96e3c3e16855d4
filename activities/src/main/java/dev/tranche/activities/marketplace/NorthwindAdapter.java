package dev.tranche.activities.marketplace;

import dev.tranche.activities.support.Json;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON with integer cents and rates in basis points ({@code POST /northwind/v2/quotes}). */
@Component
class NorthwindAdapter implements LenderAdapter {

  private final LenderHttp http;
  private final JsonMapper json = Json.MAPPER;

  NorthwindAdapter(LenderHttp http) {
    this.http = http;
  }

  @Override
  public String format() {
    return "json-cents";
  }

  @Override
  public List<LenderQuote> quote(String lender, String baseUrl, QuoteRequest request) {
    String body = json.writeValueAsString(Map.of(
        "application_ref", request.applicationId(),
        "amount_cents", request.amount().amount().movePointRight(2).longValueExact(),
        "currency", request.amount().currency().getCurrencyCode(),
        "credit_tier", request.tier().name()));
    JsonNode answer = json.readTree(http.post(lender, baseUrl + "/northwind/v2/quotes", "application/json", body));
    return normalise(lender, request, answer);
  }

  static List<LenderQuote> normalise(String lender, QuoteRequest request, JsonNode answer) {
    List<LenderQuote> quotes = new ArrayList<>();
    for (JsonNode q : answer.path("quotes")) {
      quotes.add(new LenderQuote(lender, q.path("quote_id").asString(), q.path("term_months").asInt(),
          BigDecimal.valueOf(q.path("apr_bps").asLong(), 2),
          new Money(BigDecimal.valueOf(q.path("origination_fee_cents").asLong(), 2), request.amount().currency()),
          Instant.parse(q.path("expires_at").asString()).toEpochMilli()));
    }
    return quotes;
  }
}
