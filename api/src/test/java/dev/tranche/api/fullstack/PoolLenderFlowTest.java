package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.pool.PoolLendingProperties;
import dev.tranche.decision.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The liquidity pool as a lender in the loan marketplace, over HTTP against the embedded platform and anvil: an
 * admin opens its lending, it quotes from its utilisation beside the three lenders, the borrower accepts its
 * offer, the loan is drawn on chain and paid out over the rail, the payoff goes back to the pool with its share
 * of the interest (found on chain by the hash of its ledger transfer) and the provider's shares are worth
 * exactly that share more; once closed, the pool quotes no more.
 */
class PoolLenderFlowTest extends FullStackTest {

  @Autowired PoolLendingProperties curve;

  @Test
  void the_pool_lends_at_its_utilisation_rate_and_earns_its_share_of_the_interest() throws Exception {
    String admin = token("admin-1", "ADMIN");
    String ops = token("ops-1", "OPS");
    assertThat(http.get("/api/v1/pools/local/lending", ops).json().path("open").asBoolean()).isFalse();
    assertThatProblem(http.put("/api/v1/admin/pools/local/lending", admin,
        Map.of("open", true, "maxLoanShare", new BigDecimal("1.5"))), 400);
    assertThatProblem(http.put("/api/v1/admin/pools/local/lending", admin, Map.of("maxLoanShare", "0.5")), 400);
    assertThatProblem(http.put("/api/v1/admin/pools/nowhere/lending", admin,
        Map.of("open", true, "maxLoanShare", new BigDecimal("0.5"))), 404);
    assertThat(http.put("/api/v1/admin/pools/local/lending", ops,
        Map.of("open", true, "maxLoanShare", new BigDecimal("0.5"))).status()).isEqualTo(403);
    assertThat(count("pool_lending_terms")).isZero();

    var deposited = http.post("/api/v1/dev/pools/local/deposits", ops, Map.of("amount", new BigDecimal("60000.00")));
    assertThat(deposited.status()).as(deposited.text()).isEqualTo(201);
    String provider = deposited.json().path("provider").asString();
    var opened = http.put("/api/v1/admin/pools/local/lending", admin,
        Map.of("open", true, "maxLoanShare", new BigDecimal("0.5")));
    assertThat(opened.status()).as(opened.text()).isEqualTo(200);
    assertThat(opened.json().path("open").asBoolean()).isTrue();
    try {
      JsonNode pool = http.get("/api/v1/pools/local", ops).json();
      BigDecimal utilisation = PoolLendingProperties.utilisationAfter(pool.path("outstandingPrincipal").decimalValue(),
          new BigDecimal("12000.00"), pool.path("totalAssets").decimalValue());

      String borrower = "pool-borrower-" + UUID.randomUUID();
      String token = token(borrower, "BORROWER");
      String id = submit(borrower, "111-11-1111");
      awaitApplication(id, token, status("OFFERED"));
      JsonNode poolOffer = null;
      for (JsonNode offer : http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers")) {
        if (offer.path("lender").asString().equals("pool") && poolOffer == null) {
          poolOffer = offer;
        }
      }
      assertThat(poolOffer).as("the pool's offer among the cheapest three").isNotNull();
      Tier tier = Tier.valueOf(poolOffer.path("tier").asString());
      assertThat(poolOffer.path("noteRate").decimalValue()).isEqualByComparingTo(curve.rate(tier, utilisation));
      assertThat(amount(poolOffer.path("originationFee"))).isEqualByComparingTo("0.00");
      var accepted = http.post("/api/v1/applications/" + id + "/acceptance", token,
          Map.of("offerId", poolOffer.path("offerId").asString(), "signatureName", "Ada Prime"));
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
      JsonNode funded = awaitApplication(id, token, status("FUNDED", "FAILED"));
      assertThat(funded.path("status").asString()).as(funded.toString()).isEqualTo("FUNDED");
      String loanId = funded.path("loanId").asString();

      // Drawn on chain, paid out over the rail, both on the ledger.
      JsonNode loan = http.get("/api/v1/loans/" + loanId, token).json();
      assertThat(loan.path("lender").asString()).isEqualTo("pool");
      assertThat(loan.path("onChain").path(0).path("kind").asString()).isEqualTo("DRAW");
      assertThat(loan.path("onChain").path(0).path("status").asString()).isEqualTo("MINED");
      assertThat(loan.path("onChain").path(0).path("principal").decimalValue()).isEqualByComparingTo("12000.00");
      assertThat(count("ledger_transfers where idempotency_key = 'pool-payout:" + loanId + "'")).isEqualTo(1);
      assertThat(count("pool_loans where loan_id = '" + loanId + "' and payout_id is not null")).isEqualTo(1);

      // Three days on, the borrower pays the loan off: principal and the pool's 80 % of the interest go back.
      BigDecimal before = http.get("/api/v1/pools/local/providers/" + provider, ops).json().path("value")
          .decimalValue();
      var moved = http.post("/api/v1/dev/clock/advance", ops, Map.of("days", 3));
      assertThat(moved.status()).as(moved.text()).isEqualTo(200);
      Instant now = Instant.parse(moved.json().path("now").asString());
      String today = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
      var quote = http.post("/api/v1/loans/" + loanId + "/payoff-quote", token, Map.of("validOn", today));
      assertThat(quote.status()).as(quote.text()).isEqualTo(200);
      var paid = http.post(FullStack.sandbox().baseUrl() + "/sandbox/rails/transfers", null, Map.of(
          "paymentReference", loan.path("paymentReference").asString(),
          "amount", amount(quote.json().path("amount")).toPlainString(), "currency", "USD",
          "receivedAt", now.toString()));
      assertThat(paid.status()).as(paid.text()).isEqualTo(201);
      JsonNode repaid = awaitHttp(() -> http.get("/api/v1/loans/" + loanId, token),
          r -> r.json().path("onChain").toString().contains("REPAY")).json();
      JsonNode repay = repaid.path("onChain").path(1);
      assertThat(repay.path("kind").asString()).isEqualTo("REPAY");
      assertThat(repay.path("status").asString()).isEqualTo("MINED");
      assertThat(repay.path("principal").decimalValue()).isEqualByComparingTo("12000.00");
      BigDecimal interest = jdbc.sql("""
              select coalesce(sum(e.amount), 0) from ledger_entries e join ledger_accounts a on a.id = e.account_id
               where a.code = ? and e.direction = 'D'""")
          .param("loan:" + loanId + ":interest").query(BigDecimal.class).single();
      assertThat(interest).isPositive();
      BigDecimal share = interest.multiply(new BigDecimal("0.80")).setScale(2, RoundingMode.HALF_EVEN);
      assertThat(repay.path("interest").decimalValue()).isEqualByComparingTo(share);

      // The provider's shares are worth its fraction of that share more (ERC-4626 rounds in the pool's favour).
      JsonNode position = http.get("/api/v1/pools/local/providers/" + provider, ops).json();
      BigDecimal totalShares = http.get("/api/v1/pools/local", ops).json().path("totalShares").decimalValue();
      BigDecimal expected = share.multiply(position.path("shares").decimalValue())
          .divide(totalShares, 6, RoundingMode.DOWN);
      assertThat(position.path("value").decimalValue().subtract(before))
          .isBetween(expected.subtract(new BigDecimal("0.000002")), expected.add(new BigDecimal("0.000001")));

      // Anyone holding the ledger transfer's hash finds the repayment on chain.
      assertThat(poolRepaymentsByReceipt(repay.path("receipt").asString()))
          .containsExactly(repay.path("txHash").asString());
    } finally {
      http.put("/api/v1/admin/pools/local/lending", admin, Map.of("open", false, "maxLoanShare", new BigDecimal("0.5")));
    }

    // Closed: the next applicant sees only the three lenders.
    String borrower = "pool-closed-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    String id = submit(borrower, "111-11-1111");
    awaitApplication(id, token, status("OFFERED"));
    assertThat(http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").toString())
        .doesNotContain("\"lender\":\"pool\"");
  }
}
