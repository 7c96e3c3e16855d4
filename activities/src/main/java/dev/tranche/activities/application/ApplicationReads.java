package dev.tranche.activities.application;

import dev.tranche.activities.support.Json;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The borrower-facing read model of applications, offers and decisions (PostgreSQL), shared by the API and
 * the borrower's pages.
 */
@Component
public class ApplicationReads {

  public record ApplicationView(String applicationId, String borrowerId, String status, Money requestedAmount,
      String purpose, List<String> reasonCodes, Decision decision, String loanId,
      Instant createdAt, Instant updatedAt) {
  }

  public record Decision(String outcome, String decidedBy, BigDecimal score, String tier, String policyVersion,
      List<String> reasonCodes, Instant decidedAt) {
  }

  /**
   * An offer as the borrower sees it: {@code apr} is the Regulation Z APR (fee included) where the
   * offer has a disclosure, {@code noteRate} the rate the schedule is amortised at.
   */
  public record OfferView(String offerId, String tier, String lender, String quoteId, Money principal, int termMonths,
      BigDecimal apr, BigDecimal noteRate, Money monthlyPayment, Money originationFee, Money amountFinanced,
      Money financeCharge, Money totalOfPayments, List<String> conditions, JsonNode disclosure, Instant expiresAt) {
  }

  /** The stored adverse action notice of a declined application. */
  public record AdverseActionView(String applicationId, String decidedBy, List<String> principalReasons, Integer creditScore,
      int scoreRangeLow, int scoreRangeHigh, String notice, Instant issuedAt) {
  }

  public record SignatureView(String offerId, String agreementSha256, Instant signedAt) {
  }

  private final JdbcClient jdbc;
  private final JsonMapper json = Json.MAPPER;

  ApplicationReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<ApplicationView> find(UUID id) {
    // Two statements, never one nested in the other's row mapper: nesting holds two pooled
    // connections per request and deadlocks the pool under load.
    Optional<Decision> decision = decision(id);
    return jdbc.sql("""
            select id, borrower_id, status, requested_amount, currency, purpose, reason_codes::text, loan_id,
                   created_at, updated_at
              from applications where id = ?""")
        .param(id)
        .query((rs, n) -> new ApplicationView(rs.getString("id"), rs.getString("borrower_id"),
            rs.getString("status"), Money.of(rs.getBigDecimal("requested_amount"), rs.getString("currency")),
            rs.getString("purpose"), strings(rs.getString("reason_codes")), decision.orElse(null),
            rs.getString("loan_id"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant()))
        .optional();
  }

  /** One line of a borrower's list of applications. */
  public record ApplicationLine(String applicationId, String status, Money requestedAmount, String purpose,
      String loanId, Instant createdAt) {
  }

  /** A borrower's applications, newest first (at most 50). */
  public List<ApplicationLine> ofBorrower(String borrowerId) {
    return jdbc.sql("""
            select id, status, requested_amount, currency, purpose, loan_id, created_at
              from applications where borrower_id = ? order by created_at desc limit 50""")
        .param(borrowerId)
        .query((rs, n) -> new ApplicationLine(rs.getString(1), rs.getString(2), Money.of(rs.getBigDecimal(3),
            rs.getString(4)), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
        .list();
  }

  private Optional<Decision> decision(UUID applicationId) {
    return jdbc.sql("""
            select outcome, decided_by, score, tier, policy_version, reason_codes::text, created_at
              from decisions where application_id = ? order by id desc limit 1""")
        .param(applicationId)
        .query((rs, n) -> new Decision(rs.getString("outcome"), rs.getString("decided_by"), rs.getBigDecimal("score"),
            rs.getString("tier"), rs.getString("policy_version"), strings(rs.getString("reason_codes")),
            rs.getTimestamp("created_at").toInstant()))
        .optional();
  }

  public List<OfferView> offers(UUID applicationId) {
    return jdbc.sql("""
            select offer_id, tier, lender, quote_id, principal, currency, term_months, apr, reg_z_apr, monthly_payment,
                   origination_fee, total_of_payments, finance_charge, conditions::text, disclosure::text, expires_at
              from offers where application_id = ?
             order by finance_charge nulls last, term_months, offer_id""")
        .param(applicationId)
        .query((rs, n) -> {
          BigDecimal principal = rs.getBigDecimal("principal");
          BigDecimal fee = rs.getBigDecimal("origination_fee");
          BigDecimal total = rs.getBigDecimal("total_of_payments");
          BigDecimal regZ = rs.getBigDecimal("reg_z_apr");
          String disclosure = rs.getString("disclosure");
          String currency = rs.getString("currency");
          return new OfferView(rs.getString("offer_id"), rs.getString("tier"), rs.getString("lender"),
              rs.getString("quote_id"), Money.of(principal, currency), rs.getInt("term_months"),
              regZ != null ? regZ.setScale(2, java.math.RoundingMode.HALF_UP) : rs.getBigDecimal("apr"),
              rs.getBigDecimal("apr"), Money.of(rs.getBigDecimal("monthly_payment"), currency), Money.of(fee, currency),
              Money.of(principal.subtract(fee), currency), Money.of(total.subtract(principal.subtract(fee)), currency),
              Money.of(total, currency), strings(rs.getString("conditions")),
              disclosure == null ? null : moneyAsText(json.readTree(disclosure)),
              rs.getTimestamp("expires_at").toInstant());
        })
        .list();
  }

  /**
   * The stored disclosure with every amount of money written as the API writes money, a decimal string at its
   * currency's scale ({@code {"amount": "11520.00", "currency": "USD"}}), not a JSON number.
   */
  static JsonNode moneyAsText(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = Json.MAPPER.createObjectNode();
      boolean money = node.size() == 2 && node.path("amount").isNumber() && node.path("currency").isString();
      for (var entry : node.properties()) {
        if (money && entry.getKey().equals("amount")) {
          int scale = Currency.getInstance(node.path("currency").asString()).getDefaultFractionDigits();
          copy.put("amount", entry.getValue().decimalValue().setScale(scale, RoundingMode.HALF_UP).toPlainString());
        } else {
          copy.set(entry.getKey(), moneyAsText(entry.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      var array = Json.MAPPER.createArrayNode();
      node.forEach(item -> array.add(moneyAsText(item)));
      return array;
    }
    return node;
  }

  public Optional<AdverseActionView> adverseAction(UUID applicationId) {
    return jdbc.sql("""
            select decided_by, principal_reasons::text, credit_score, score_range_low, score_range_high, notice_text,
                   issued_at
              from adverse_action_notices where application_id = ?""")
        .param(applicationId)
        .query((rs, n) -> new AdverseActionView(applicationId.toString(), rs.getString(1), strings(rs.getString(2)),
            (Integer) rs.getObject(3), rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
        .optional();
  }

  public Optional<SignatureView> signature(UUID applicationId) {
    return jdbc.sql("select offer_id, agreement_sha256, signed_at from signatures where application_id = ?")
        .param(applicationId)
        .query((rs, n) -> new SignatureView(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .optional();
  }

  private List<String> strings(String jsonArray) {
    return json.readerForListOf(String.class).readValue(jsonArray);
  }
}
