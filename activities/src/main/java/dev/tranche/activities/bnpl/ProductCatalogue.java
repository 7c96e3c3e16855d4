package dev.tranche.activities.bnpl;

import dev.tranche.activities.support.Json;
import dev.tranche.bnpl.BillTerms;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The products Tranche lends, as data (table {@code products}): each change of terms is a new version,
 * and whatever was made under a version keeps it. {@link #current} is the latest version of a code.
 */
@Component
public class ProductCatalogue {

  /** One version of a product: its terms as stored. */
  public record Product(String code, int version, String name, String kind, JsonNode terms) {
  }

  private final JdbcClient jdbc;

  ProductCatalogue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every version of every product, newest version first within a code. */
  public List<Product> all() {
    return jdbc.sql("select code, version, name, kind, terms::text from products order by code, version desc")
        .query((rs, n) -> new Product(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
            Json.MAPPER.readTree(rs.getString(5))))
        .list();
  }

  public Optional<Product> current(String code) {
    return version(code, null);
  }

  /** A version of a product ({@code null}: the latest). */
  public Optional<Product> version(String code, Integer version) {
    return jdbc.sql("""
            select code, version, name, kind, terms::text from products
             where code = ? and (?::int is null or version = ?::int) order by version desc limit 1""")
        .params(code, version, version)
        .query((rs, n) -> new Product(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
            Json.MAPPER.readTree(rs.getString(5))))
        .optional();
  }

  /** The bill terms of the latest version of a BNPL product. */
  public BillTerms billTerms(String code) {
    Product product = current(code).filter(p -> p.kind().equals("BNPL_BILL"))
        .orElseThrow(() -> new IllegalArgumentException("no BNPL product " + code));
    return billTerms(product);
  }

  /** The bill terms of one version of a BNPL product (what a bill opened under it keeps). */
  public BillTerms billTerms(String code, int version) {
    return billTerms(version(code, version).orElseThrow(() -> new IllegalArgumentException("no product " + code
        + " version " + version)));
  }

  static BillTerms billTerms(Product product) {
    JsonNode t = product.terms();
    JsonNode ladder = t.path("collectionLadderDays");
    return new BillTerms(product.code(), product.version(), t.path("currency").asString(),
        decimal(t, "minAmount"), decimal(t, "maxAmount"), t.path("gracePeriodDays").asInt(),
        decimal(t, "lateInterestApr"), t.path("dayCountBasis").asInt(),
        decimal(t, "merchantFeeRate"), decimal(t, "lateFee"),
        decimal(t, "collateralRatio"),
        new BillTerms.Ladder(ladder.path("friendly").asInt(), ladder.path("warning").asInt(),
            ladder.path("final").asInt(), ladder.path("lateFee").asInt(), ladder.path("agency").asInt()),
        t.path("checkoutMinutes").asInt(), "LP_TOKEN".equals(t.path("collateral").asString("")),
        t.path("depositWindowMinutes").asInt(0));
  }

  private static BigDecimal decimal(JsonNode terms, String field) {
    return new BigDecimal(terms.path(field).asString("0"));
  }
}
