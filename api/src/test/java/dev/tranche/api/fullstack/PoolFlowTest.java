package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The liquidity pool over HTTP against the embedded platform and anvil: a provider deposits, a merchant's
 * bill is funded from the pool, the shopper pays it, and the provider's shares are worth the pool's share of
 * the fee more; the repayment is found on chain by the hash of its ledger transfer,
 * and the pool reconciles with its contract.
 */
class PoolFlowTest extends FullStackTest {

  @Test
  void a_provider_earns_the_pools_share_of_a_pool_funded_bill_and_the_payment_is_on_the_record()
      throws Exception {
    String ops = token("ops-1", "OPS");
    var deposited = http.post("/api/v1/dev/pools/local/deposits", ops, Map.of("amount", new BigDecimal("20000.00")));
    assertThat(deposited.status()).as(deposited.text()).isEqualTo(201);
    String provider = deposited.json().path("provider").asString();
    BigDecimal before = deposited.json().path("value").decimalValue();

    String merchantId = "pool-shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId);
    String sandbox = FullStack.sandbox().baseUrl();
    String billId = http.post("/api/v1/merchants/" + merchantId + "/checkout-sessions", null,
        Map.of("amount", Map.of("amount", new BigDecimal("2000.00"), "currency", "USD"), "orderReference",
            "ORD-" + UUID.randomUUID(), "successUrl", "https://shop.example/ok", "cancelUrl", "https://shop.example/no"),
        Map.of("X-Api-Key", key, "Idempotency-Key", UUID.randomUUID().toString())).json().path("billId").asString();
    String shopper = token("pool-shopper-" + UUID.randomUUID(), "BORROWER");
    var confirmed = http.post("/api/v1/checkout-sessions/" + billId + "/confirmation", shopper, Map.of());
    assertThat(confirmed.json().path("bill").path("status").asString()).as(confirmed.text()).isEqualTo("CAPTURED");
    JsonNode drawn = awaitHttp(() -> http.get("/api/v1/bills/" + billId, ops),
        r -> r.json().path("onChain").toString().contains("DRAW")).json();
    assertThat(drawn.path("funding").asString()).isEqualTo("POOL:local");

    // Paid on time: the pool gets the principal back and its share of the fee (the late-interest share is
    // PoolFundedBillsTest's, on the time-skipping server, where moving a month costs nothing).
    JsonNode bill = http.get("/api/v1/bills/" + billId, shopper).json();
    BigDecimal interest = BigDecimal.ZERO;
    var paid = http.post(sandbox + "/sandbox/rails/transfers", null, Map.of("paymentReference",
        bill.path("paymentReference").asString(), "amount", amount(bill.path("outstanding")).toPlainString(),
        "currency", "USD"));
    assertThat(paid.status()).as(paid.text()).isEqualTo(201);
    JsonNode repaid = awaitHttp(() -> http.get("/api/v1/bills/" + billId, ops),
        r -> r.json().path("onChain").toString().contains("REPAY")).json();
    JsonNode repay = null;
    for (JsonNode movement : repaid.path("onChain")) {
      if (movement.path("kind").asString().equals("REPAY")) {
        repay = movement;
      }
    }
    assertThat(repay.path("status").asString()).isEqualTo("MINED");

    // The pool's share: 80 % of the interest (none, on time) and of the 30.00 merchant fee, to the cent.
    BigDecimal share = interest.multiply(new BigDecimal("0.80")).setScale(2, RoundingMode.HALF_EVEN)
        .add(new BigDecimal("24.00"));
    assertThat(repay.path("interest").decimalValue()).isEqualByComparingTo(share);
    BigDecimal after = http.get("/api/v1/pools/local/providers/" + provider, ops).json().path("value").decimalValue();
    BigDecimal totalShares = http.get("/api/v1/pools/local", ops).json().path("totalShares").decimalValue();
    BigDecimal providerShares = http.get("/api/v1/pools/local/providers/" + provider, ops).json().path("shares")
        .decimalValue();
    // The provider owns its fraction of the pool: its gain is the share times that fraction, less ERC-4626's
    // rounding in the pool's favour (at most a unit of the stablecoin, 0.000001).
    BigDecimal expected = share.multiply(providerShares).divide(totalShares, 6, RoundingMode.DOWN);
    assertThat(after.subtract(before)).isBetween(expected.subtract(new BigDecimal("0.000002")),
        expected.add(new BigDecimal("0.000001")));
    JsonNode pool = awaitHttp(() -> http.get("/api/v1/pools/local", ops),
        r -> r.json().path("lastReconciliation").path("status").asString().equals("MATCHED")).json();
    assertThat(pool.path("lastReconciliation").path("status").asString()).isEqualTo("MATCHED");

    // Anyone holding the ledger transfer's hash finds the payment on chain.
    assertThat(poolRepaymentsByReceipt(repay.path("receipt").asString())).containsExactly(repay.path("txHash").asString());
  }
}
