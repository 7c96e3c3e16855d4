package dev.tranche.api.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tranche.money.Money;
import dev.tranche.review.ReviewTicket;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * How the API writes its concepts, in one place (the workflows' own records stay as Temporal stores them):
 * money is {@code {"amount": "11520.00", "currency": "USD"}}, the amount a decimal string at the currency's
 * scale, so no client parses it as a binary float; a review ticket leaves out the workflow's bookkeeping
 * ({@code revision}, {@code atMillis}, {@code event}, {@code actor}). Absent values are left out, not null
 * ({@code spring.jackson.default-property-inclusion}).
 */
final class ApiJson {

  /** The workflow's bookkeeping on a review ticket, not for clients. */
  static final List<String> TICKET_BOOKKEEPING = List.of("revision", "atMillis", "event", "actor");

  private ApiJson() {
  }

  @JsonIgnoreProperties({"revision", "atMillis", "event", "actor"}) // TICKET_BOOKKEEPING
  private interface TicketForClients {
  }

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("tranche-api-json");
    module.addSerializer(Money.class, new ValueSerializer<>() {
      @Override
      public void serialize(Money money, JsonGenerator json, SerializationContext context) {
        json.writeStartObject();
        json.writeStringProperty("amount", money.amount().toPlainString());
        json.writeStringProperty("currency", money.currency().getCurrencyCode());
        json.writeEndObject();
      }
    });
    module.addDeserializer(Money.class, new ValueDeserializer<>() {
      @Override
      public Money deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
          return (Money) context.handleUnexpectedToken(Money.class, parser);
        }
        JsonNode node = context.readTree(parser);
        JsonNode amount = node.path("amount");
        String currency = node.path("currency").asString("");
        if (!(amount.isNumber() || amount.isString()) || currency.isEmpty()) {
          return (Money) context.handleWeirdStringValue(Money.class, node.toString(),
              "money is {\"amount\": \"<decimal>\", \"currency\": \"<ISO 4217>\"}");
        }
        try {
          return new Money(new BigDecimal(amount.asString()), Currency.getInstance(currency));
        } catch (IllegalArgumentException | ArithmeticException e) {
          return (Money) context.handleWeirdStringValue(Money.class, node.toString(),
              "not an amount in " + currency + " at its scale");
        }
      }
    });
    module.setMixInAnnotation(ReviewTicket.class, TicketForClients.class);
    return module;
  }
}
