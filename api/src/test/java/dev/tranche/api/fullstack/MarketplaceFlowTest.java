package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.marketplace.LenderCircuitBreaker;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The lender marketplace over HTTP, with the sandbox lenders' knobs. */
@Order(4)
class MarketplaceFlowTest extends FullStackTest {

  @Autowired
  LenderCircuitBreaker breaker;

  @AfterEach
  void heal() {
    for (String lender : new String[] {"northwind", "bluebank", "cedar"}) {
      knobs(lender, Map.of("latencyMillis", 0, "errorRate", 0));
      breaker.reset(lender);
    }
  }

  private void knobs(String lender, Map<String, Object> values) {
    http.post(FullStack.sandbox().baseUrl() + "/sandbox/lenders/" + lender + "/knobs", null, values);
  }

  private JsonNode offersFor(String borrower) {
    String id = submit(borrower, "111-11-1111");
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("OFFERED", "DECLINED"));
    return http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers");
  }

  @Test
  void offers_from_every_lender_are_ranked_by_total_cost_and_carry_a_reg_z_disclosure() {
    JsonNode offers = offersFor("market-" + UUID.randomUUID());
    assertThat(offers.size()).isEqualTo(3);
    BigDecimal previous = BigDecimal.ZERO;
    for (JsonNode offer : offers) {
      BigDecimal financeCharge = amount(offer.path("financeCharge"));
      assertThat(financeCharge).isGreaterThanOrEqualTo(previous);
      previous = financeCharge;
      assertThat(offer.path("quoteId").asString()).isNotBlank();
      JsonNode disclosure = offer.path("disclosure");
      assertThat(disclosure.path("apr").decimalValue()).isEqualByComparingTo(offer.path("apr").decimalValue());
      assertThat(amount(disclosure.path("financeCharge"))).isEqualByComparingTo(financeCharge);
      assertThat(disclosure.path("financeCharge").path("amount").isString()).as("money as the API writes it").isTrue();
      assertThat(amount(offer.path("totalOfPayments"))).isEqualByComparingTo(
          amount(offer.path("amountFinanced")).add(financeCharge));
      if (amount(offer.path("originationFee")).signum() > 0) {
        assertThat(offer.path("apr").decimalValue()).isGreaterThan(offer.path("noteRate").decimalValue());
      }
    }
  }

  @Test
  void with_one_lender_hung_and_one_failing_the_borrower_still_gets_offers_from_the_third() {
    knobs("northwind", Map.of("latencyMillis", 10_000));
    knobs("bluebank", Map.of("errorRate", 1.0));
    JsonNode offers = offersFor("market-degraded-" + UUID.randomUUID());
    Set<String> lenders = new HashSet<>();
    offers.forEach(o -> lenders.add(o.path("lender").asString()));
    assertThat(offers.size()).isEqualTo(3);
    assertThat(lenders).containsExactly("cedar");
    assertThat(offers.get(0).path("quoteId").asString()).startsWith("CCU-");
  }
}
