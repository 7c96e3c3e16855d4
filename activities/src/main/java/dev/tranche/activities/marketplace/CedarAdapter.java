package dev.tranche.activities.marketplace;

import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * XML with the fee as a percentage and validity in seconds ({@code POST /cedar/quote}). Parsed with
 * DTDs and external entities disabled.
 */
@Component
class CedarAdapter implements LenderAdapter {

  private final LenderHttp http;

  CedarAdapter(LenderHttp http) {
    this.http = http;
  }

  @Override
  public String format() {
    return "xml";
  }

  @Override
  public List<LenderQuote> quote(String lender, String baseUrl, QuoteRequest request) {
    String body = "<QuoteRequest><Reference>" + request.applicationId() + "</Reference><Amount currency=\""
        + request.amount().currency().getCurrencyCode() + "\">" + request.amount().amount().toPlainString()
        + "</Amount><Grade>" + request.tier().name() + "</Grade></QuoteRequest>";
    String answer = http.post(lender, baseUrl + "/cedar/quote", "application/xml", body);
    return normalise(lender, request, answer, System.currentTimeMillis());
  }

  static List<LenderQuote> normalise(String lender, QuoteRequest request, String xml, long receivedAtMillis) {
    Document document = parse(xml);
    List<LenderQuote> quotes = new ArrayList<>();
    NodeList nodes = document.getElementsByTagName("Quote");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element quote = (Element) nodes.item(i);
      BigDecimal feePercent = new BigDecimal(text(quote, "FeePercent"));
      quotes.add(new LenderQuote(lender, quote.getAttribute("id"), Integer.parseInt(text(quote, "Term")),
          new BigDecimal(text(quote, "RatePercent")),
          request.amount().times(feePercent.movePointLeft(2), RoundingMode.HALF_UP),
          receivedAtMillis + Long.parseLong(text(quote, "ValidSeconds")) * 1000));
    }
    return quotes;
  }

  /**
   * Hardened parsers, set up once and reused: looking the factory up and configuring it on every quote was 2 % of the
   * CPU of the benchmark's decision cell. A pool rather than a thread-local, since activities run on virtual threads
   * (one per task); a builder is used by one caller at a time and reset before it goes back.
   */
  private static final Queue<DocumentBuilder> PARSERS = new ConcurrentLinkedQueue<>();

  private static DocumentBuilder newParser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no hardened XML parser: " + e.getMessage(), e);
    }
  }

  private static Document parse(String xml) {
    DocumentBuilder parser = PARSERS.poll();
    if (parser == null) {
      parser = newParser();
    }
    try {
      return parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new LenderHttp.LenderUnavailableException("unreadable quote XML: " + e.getMessage());
    } finally {
      parser.reset();
      if (PARSERS.size() < 64) {
        PARSERS.offer(parser);
      }
    }
  }

  private static String text(Element parent, String tag) {
    NodeList found = parent.getElementsByTagName(tag);
    if (found.getLength() == 0) {
      throw new LenderHttp.LenderUnavailableException("quote without " + tag);
    }
    return found.item(0).getTextContent().trim();
  }
}
