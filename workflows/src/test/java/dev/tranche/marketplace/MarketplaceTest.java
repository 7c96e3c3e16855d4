package dev.tranche.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.decision.Tier;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketplaceTest {

  private static final long HOUR = 3_600_000;
  private static final long LENDER_NOW = 1_800_000_000_000L;

  private static LenderQuote quote(String lender, String rate, long expiresAt) {
    return new LenderQuote(lender, lender + "-q", 36, new BigDecimal(rate), Money.of("100.00", "USD"), expiresAt);
  }

  private static List<Offer> rank(List<LenderQuote> quotes, long workflowNow) {
    return Marketplace.rank(quotes, Money.of("10000.00", "USD"), Tier.A, workflowNow, 7 * 24 * HOUR, List.of(), 3);
  }

  @Test
  void a_quote_is_judged_by_how_long_it_was_still_good_for_on_the_workflows_own_clock() {
    LenderQuote handedOver = quote("cedar", "9.99", LENDER_NOW + 12 * HOUR).handedOverAt(LENDER_NOW);
    assertThat(handedOver.validForMillis()).isEqualTo(12 * HOUR);

    // The embedded run's clock was moved 35 days past the lender's: the quote is still good for 12 h.
    long movedWorkflowNow = LENDER_NOW + 35 * 24 * HOUR;
    List<Offer> offers = rank(List.of(handedOver), movedWorkflowNow);
    assertThat(offers).hasSize(1);
    assertThat(offers.getFirst().expiresAtMillis()).isEqualTo(movedWorkflowNow + 12 * HOUR);
  }

  @Test
  void a_lapsed_quote_is_never_offered_and_quotes_recorded_before_the_span_existed_keep_their_expiry() {
    LenderQuote lapsed = quote("cedar", "9.99", LENDER_NOW - 1).handedOverAt(LENDER_NOW);
    assertThat(lapsed.validForMillis()).isNegative();
    assertThat(rank(List.of(lapsed), LENDER_NOW)).isEmpty();

    LenderQuote recorded = quote("northwind", "10.99", LENDER_NOW + HOUR);   // validForMillis 0, as in 1.0 histories
    assertThat(rank(List.of(recorded), LENDER_NOW)).singleElement()
        .satisfies(o -> assertThat(o.expiresAtMillis()).isEqualTo(LENDER_NOW + HOUR));
    assertThat(rank(List.of(recorded), LENDER_NOW + 2 * HOUR)).isEmpty();
  }
}
