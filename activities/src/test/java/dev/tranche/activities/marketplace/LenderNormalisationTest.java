package dev.tranche.activities.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.decision.Tier;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each lender's wire format, normalised to ours from a captured answer: cents, decimal strings, XML. */
class LenderNormalisationTest {

  private static final QuoteRequest REQUEST = new QuoteRequest("app-1", "x", Money.of("12345.67", "USD"), Tier.B,
      new BigDecimal("690"));
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void northwind_cents_and_basis_points() {
    List<LenderQuote> quotes = NorthwindAdapter.normalise("northwind", REQUEST, json.readTree("""
        {"application_ref":"app-1","quotes":[{"quote_id":"nw_1","term_months":36,"apr_bps":1349,
          "origination_fee_cents":12346,"expires_at":"2026-11-23T12:00:00Z"}]}"""));
    assertThat(quotes).containsExactly(new LenderQuote("northwind", "nw_1", 36, new BigDecimal("13.49"),
        Money.of("123.46", "USD"), Instant.parse("2026-11-23T12:00:00Z").toEpochMilli()));
  }

  @Test
  void blue_bank_decimal_strings_and_its_decline() {
    List<LenderQuote> quotes = BlueBankAdapter.normalise("bluebank", REQUEST, json.readTree("""
        {"reference":"app-1","decision":"APPROVED","offers":[{"offerId":"BB-1","termInMonths":"48",
          "interestRate":"13.99","fee":"0","validUntil":"2026-11-23T00:00:00Z"}]}"""));
    assertThat(quotes).containsExactly(new LenderQuote("bluebank", "BB-1", 48, new BigDecimal("13.99"),
        Money.of("0.00", "USD"), Instant.parse("2026-11-23T00:00:00Z").toEpochMilli()));
    assertThat(BlueBankAdapter.normalise("bluebank", REQUEST, json.readTree("""
        {"decision":"DECLINED","offers":[]}"""))).isEmpty();
  }

  @Test
  void cedar_xml_with_a_fee_percentage_and_validity_in_seconds() {
    List<LenderQuote> quotes = CedarAdapter.normalise("cedar", REQUEST, """
        <?xml version="1.0" encoding="UTF-8"?><QuoteResponse status="OK"><Reference>app-1</Reference>
        <Quote id="CCU-9"><Term unit="months">24</Term><RatePercent>12.25</RatePercent><FeePercent>4.00</FeePercent>
        <ValidSeconds>3600</ValidSeconds></Quote></QuoteResponse>""", 1_000_000L);
    // 4 % of 12,345.67 = 493.8268 → 493.83, half up.
    assertThat(quotes).containsExactly(new LenderQuote("cedar", "CCU-9", 24, new BigDecimal("12.25"),
        Money.of("493.83", "USD"), 1_000_000L + 3_600_000L));
  }

  @Test
  void cedar_refuses_xml_with_entities() {
    assertThatThrownBy(() -> CedarAdapter.normalise("cedar", REQUEST,
        "<!DOCTYPE q [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><QuoteResponse>&x;</QuoteResponse>", 0))
        .isInstanceOf(LenderHttp.LenderUnavailableException.class);
  }
}
