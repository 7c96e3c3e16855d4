package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * Three lenders' quote APIs, each in its own wire format, as real marketplaces are:
 * <ul>
 *   <li>Northwind Capital: JSON, amounts in integer cents, rates in basis points;</li>
 *   <li>Blue Bank: JSON with decimal strings and a decision field (declines grade C);</li>
 *   <li>Cedar Credit Union: XML, fee as a percentage, validity in seconds.</li>
 * </ul>
 * Each has its own knobs ({@code POST /sandbox/lenders/{name}/knobs}: latencyMillis, errorRate, quoteValidSeconds) and
 * counts the quote requests it received ({@code GET /sandbox/lenders/{name}/stats}).
 */
final class MarketplaceLenders {

  static final List<String> NAMES = List.of("northwind", "bluebank", "cedar");
  private static final Map<String, BigDecimal> BASE_RATE = Map.of("A", new BigDecimal("7.50"), "B",
      new BigDecimal("12.50"), "C", new BigDecimal("19.50"));

  private final Map<String, Knobs> knobs = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

  MarketplaceLenders() {
    for (String name : NAMES) {
      Knobs k = new Knobs();
      knobs.put(name, k);
      requests.put(name, new AtomicLong());
    }
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/northwind/v2/quotes", (ex, m) -> {
          if (misbehave(ex, "northwind")) {
            return;
          }
          JsonNode body = Exchanges.jsonBody(ex);
          if (!body.path("amount_cents").canConvertToLong() || body.path("amount_cents").asLong() <= 0
              || !BASE_RATE.containsKey(body.path("credit_tier").asText())) {
            Exchanges.json(ex, 422, Map.of("error", Map.of("code", "invalid_request")));
            return;
          }
          long cents = body.get("amount_cents").asLong();
          BigDecimal rate = BASE_RATE.get(body.get("credit_tier").asText()).add(new BigDecimal("0.49"));
          List<Map<String, Object>> quotes = new ArrayList<>();
          if (cents >= 100_000 && cents <= 5_000_000) {
            for (int term : new int[] {24, 36, 60}) {
              Map<String, Object> q = new LinkedHashMap<>();
              q.put("quote_id", "nw_" + UUID.randomUUID());
              q.put("term_months", term);
              q.put("apr_bps", rate.add(BigDecimal.valueOf(term / 12 - 2).multiply(new BigDecimal("0.25")))
                  .movePointRight(2).intValueExact());
              q.put("origination_fee_cents", cents / 100);
              q.put("expires_at", Instant.now().plusSeconds(knobs.get("northwind").quoteValidSeconds(24 * 3600))
                  .toString());
              quotes.add(q);
            }
          }
          Exchanges.json(ex, 200, Map.of("application_ref", body.path("application_ref").asText(), "quotes", quotes));
        }),
        Route.of("POST", "/bluebank/api/v1/offers", (ex, m) -> {
          if (misbehave(ex, "bluebank")) {
            return;
          }
          JsonNode body = Exchanges.jsonBody(ex);
          BigDecimal amount;
          try {
            amount = new BigDecimal(body.path("requestedAmount").asText());
          } catch (NumberFormatException e) {
            Exchanges.json(ex, 400, Map.of("status", "ERROR", "message", "requestedAmount must be a decimal string"));
            return;
          }
          String grade = body.path("riskGrade").asText();
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("reference", body.path("reference").asText());
          if (!BASE_RATE.containsKey(grade) || grade.equals("C") || amount.compareTo(new BigDecimal("40000")) > 0) {
            answer.put("decision", "DECLINED");
            answer.put("offers", List.of());
          } else {
            BigDecimal rate = BASE_RATE.get(grade).add(new BigDecimal("0.99"));
            List<Map<String, Object>> offers = new ArrayList<>();
            for (int term : new int[] {36, 48}) {
              offers.add(Map.of("offerId", "BB-" + UUID.randomUUID(), "termInMonths", String.valueOf(term),
                  "interestRate", rate.toPlainString(), "fee", "0.00",
                  "validUntil", Instant.now().plusSeconds(knobs.get("bluebank").quoteValidSeconds(12 * 3600))
                      .toString()));
            }
            answer.put("decision", "APPROVED");
            answer.put("offers", offers);
          }
          Exchanges.json(ex, 200, answer);
        }),
        Route.of("POST", "/cedar/quote", (ex, m) -> {
          if (misbehave(ex, "cedar")) {
            return;
          }
          Document request;
          try (InputStream in = ex.getRequestBody()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            request = factory.newDocumentBuilder().parse(in);
          } catch (Exception e) {
            Exchanges.text(ex, 400, "application/xml", "<QuoteResponse status=\"ERROR\"><Message>malformed XML</Message></QuoteResponse>");
            return;
          }
          String grade = text(request, "Grade");
          String reference = text(request, "Reference");
          BigDecimal amount;
          try {
            amount = new BigDecimal(text(request, "Amount"));
          } catch (RuntimeException e) {
            Exchanges.text(ex, 400, "application/xml", "<QuoteResponse status=\"ERROR\"><Message>Amount required</Message></QuoteResponse>");
            return;
          }
          StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><QuoteResponse status=\"OK\">");
          xml.append("<Reference>").append(escape(reference)).append("</Reference>");
          if (BASE_RATE.containsKey(grade) && amount.signum() > 0 && amount.compareTo(new BigDecimal("25000")) <= 0) {
            BigDecimal rate = BASE_RATE.get(grade).subtract(new BigDecimal("0.25"));
            for (int term : new int[] {12, 24, 36}) {
              xml.append("<Quote id=\"CCU-").append(UUID.randomUUID()).append("\">")
                  .append("<Term unit=\"months\">").append(term).append("</Term>")
                  .append("<RatePercent>").append(rate.setScale(2, RoundingMode.HALF_UP).toPlainString()).append("</RatePercent>")
                  .append("<FeePercent>4.00</FeePercent>")
                  .append("<ValidSeconds>").append(knobs.get("cedar").quoteValidSeconds(43200))
                  .append("</ValidSeconds>")
                  .append("</Quote>");
            }
          }
          xml.append("</QuoteResponse>");
          Exchanges.text(ex, 200, "application/xml", xml.toString());
        }),
        Route.of("POST", "/sandbox/lenders/([a-z]+)/knobs", (ex, m) -> {
          Knobs k = knobs.get(m.group(1));
          if (k == null) {
            Exchanges.error(ex, 404, "unknown_lender");
            return;
          }
          JsonNode body = Exchanges.jsonBody(ex);
          if (body.has("latencyMillis")) {
            k.latencyMillis = body.get("latencyMillis").asLong();
          }
          if (body.has("errorRate")) {
            k.errorRate = body.get("errorRate").asDouble();
          }
          if (body.has("quoteValidSeconds")) {
            k.quoteValidSeconds = body.get("quoteValidSeconds").asLong();
          }
          Exchanges.json(ex, 200, Map.of("lender", m.group(1), "latencyMillis", k.latencyMillis, "errorRate",
              k.errorRate, "quoteValidSeconds", k.quoteValidSeconds));
        }),
        Route.of("GET", "/sandbox/lenders/([a-z]+)/stats", (ex, m) -> {
          AtomicLong count = requests.get(m.group(1));
          if (count == null) {
            Exchanges.error(ex, 404, "unknown_lender");
            return;
          }
          Exchanges.json(ex, 200, Map.of("lender", m.group(1), "quoteRequests", count.get()));
        }));
  }

  /** Counts the request, applies the lender's latency and answers 500 when its error rate says so. */
  private boolean misbehave(HttpExchange exchange, String lender) throws IOException {
    requests.get(lender).incrementAndGet();
    Knobs k = knobs.get(lender);
    if (k.latencyMillis > 0) {
      try {
        Thread.sleep(k.latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (k.errorRate > 0 && ThreadLocalRandom.current().nextDouble() < k.errorRate) {
      Exchanges.error(exchange, 500, "lender_unavailable");
      return true;
    }
    return false;
  }

  private static String text(Document document, String tag) {
    var nodes = document.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
