package dev.tranche.activities.marketplace;

import dev.tranche.activities.support.Json;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON with decimal strings and a decision ({@code POST /bluebank/api/v1/offers}). */
@Component
class BlueBankAdapter implements LenderAdapter {

  private final LenderHttp http;
  private final JsonMapper json = Json.MAPPER;

  BlueBankAdapter(LenderHttp http) {
    this.http = http;
  }

  @Override
  public String format() {
    return "json-decimal-strings";
  }

  @Override
  public List<LenderQuote> quote(String lender, String baseUrl, QuoteRequest request) {
    String body = json.writeValueAsString(Map.of(
        "reference", request.applicationId(),
        "requestedAmount", request.amount().amount().toPlainString(),
        "currency", request.amount().currency().getCurrencyCode(),
        "riskGrade", request.tier().name()));
    return normalise(lender, request,
        json.readTree(http.post(lender, baseUrl + "/bluebank/api/v1/offers", "application/json", body)));
  }

  static List<LenderQuote> normalise(String lender, QuoteRequest request, JsonNode answer) {
    List<LenderQuote> quotes = new ArrayList<>();
    if (!"APPROVED".equals(answer.path("decision").asString(""))) {
      return quotes;
    }
    for (JsonNode o : answer.path("offers")) {
      quotes.add(new LenderQuote(lender, o.path("offerId").asString(), Integer.parseInt(o.path("termInMonths").asString()),
          new BigDecimal(o.path("interestRate").asString()),
          new Money(new BigDecimal(o.path("fee").asString()).setScale(2, RoundingMode.HALF_UP),
              request.amount().currency()),
          Instant.parse(o.path("validUntil").asString()).toEpochMilli()));
    }
    return quotes;
  }
}
