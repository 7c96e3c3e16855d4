package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.LiquidityPool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import tools.jackson.databind.JsonNode;

/**
 * Buy now, pay later over HTTP against the embedded platform: an admin onboards a merchant (KYB in the
 * sandbox), the merchant opens a checkout session with its API key, a signed-in shopper confirms, the
 * merchant refunds before and after its settlement, the dev clock ends the business day and later the grace
 * period, and the shopper pays through the payment rail sandbox. Merchants see only their own bills.
 */
class BnplFlowTest extends FullStackTest {

  private static final String SHOP_SECRET = "dev-merchant-webhook-secret";

  private Http.Response checkout(String merchantId, String key, Object body, String idempotencyKey) {
    return http.post("/api/v1/merchants/" + merchantId + "/checkout-sessions", null, body,
        Map.of("X-Api-Key", key, "Idempotency-Key", idempotencyKey));
  }

  private static Map<String, Object> session(String amount, String order) {
    return Map.of("amount", Map.of("amount", new BigDecimal(amount), "currency", "USD"), "orderReference", order,
        "successUrl", "https://shop.example/thanks", "cancelUrl", "https://shop.example/cart");
  }

  private JsonNode bill(String merchantId, String key, String billId) {
    var answer = http.getWith("/api/v1/merchants/" + merchantId + "/bills/" + billId, Map.of("X-Api-Key", key));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private Http.Response refund(String merchantId, String key, String billId, String amount, String refundId) {
    return http.post("/api/v1/merchants/" + merchantId + "/bills/" + billId + "/refunds", null,
        Map.of("amount", Map.of("amount", new BigDecimal(amount), "currency", "USD"), "reason", "item returned"),
        Map.of("X-Api-Key", key, "Idempotency-Key", refundId));
  }

  private void advanceDays(int days) {
    var moved = http.post("/api/v1/dev/clock/advance", token("ops-1", "OPS"), Map.of("days", days));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
  }

  private void pay(String paymentReference, String amount) {
    var paid = http.post(FullStack.sandbox().baseUrl() + "/sandbox/rails/transfers", null,
        Map.of("paymentReference", paymentReference, "amount", amount, "currency", "USD"));
    assertThat(paid.status()).as(paid.text()).isEqualTo(201);
  }

  @Test
  void a_checkout_paid_within_the_grace_period_with_refunds_before_and_after_settlement() {
    String merchantId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId);
    String order = "ORD-" + UUID.randomUUID();
    String idempotencyKey = UUID.randomUUID().toString();
    var opened = checkout(merchantId, key, session("400.00", order), idempotencyKey);
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);
    String billId = opened.json().path("billId").asString();
    assertThat(opened.json().path("checkoutUrl").asString()).endsWith("/checkout/" + billId);
    assertThat(amount(opened.json().path("merchantFee"))).isEqualByComparingTo("6.00");
    var repeat = checkout(merchantId, key, session("400.00", order), idempotencyKey);
    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.json().path("billId").asString()).isEqualTo(billId);

    String shopper = "shopper-" + UUID.randomUUID();
    String shopperToken = token(shopper, "BORROWER");
    JsonNode terms = http.get("/api/v1/checkout-sessions/" + billId, shopperToken).json();
    assertThat(terms.path("gracePeriodDays").asInt()).isEqualTo(14);
    assertThat(amount(terms.path("financeChargeIfPaidOnTime"))).isEqualByComparingTo("0.00");
    assertThat(amount(terms.path("totalOfPaymentsIfPaidOnTime"))).isEqualByComparingTo("400.00");
    var confirmed = http.post("/api/v1/checkout-sessions/" + billId + "/confirmation", shopperToken, Map.of());
    assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
    assertThat(confirmed.json().path("bill").path("status").asString()).isEqualTo("CAPTURED");
    assertThat(confirmed.json().path("redirectUrl").asString()).isEqualTo("https://shop.example/thanks");
    assertThat(confirmed.json().path("bill").has("merchantFee")).isFalse();

    var before = refund(merchantId, key, billId, "100.00", "rf-1");
    assertThat(before.status()).as(before.text()).isEqualTo(200);
    assertThat(amount(before.json().path("outstanding"))).isEqualByComparingTo("300.00");

    advanceDays(1);
    JsonNode settlement = awaitHttp(() -> http.getWith("/api/v1/merchants/" + merchantId + "/settlements",
        Map.of("X-Api-Key", key)), r -> r.json().size() == 1 && r.json().get(0).hasNonNull("payoutId")).json().get(0);
    assertThat(amount(settlement.path("net"))).isEqualByComparingTo("295.50");

    var after = refund(merchantId, key, billId, "50.00", "rf-2");
    assertThat(amount(after.json().path("outstanding"))).isEqualByComparingTo("250.00");
    pay(bill(merchantId, key, billId).path("paymentReference").asString(), "250.00");
    JsonNode paid = awaitHttp(() -> http.get("/api/v1/bills/" + billId, shopperToken),
        r -> r.json().path("status").asString().equals("PAID")).json();
    assertThat(amount(paid.path("outstanding"))).isEqualByComparingTo("0.00");
    assertThat(amount(paid.path("paid"))).isEqualByComparingTo("250.00");
    assertThat(amount(paid.path("lateInterest"))).isEqualByComparingTo("0.00");
    assertThat(jdbc.sql("select count(*) from settlements where merchant_id = ?").param(merchantId)
        .query(Long.class).single()).isEqualTo(1);
    String shop = http.get(FullStack.sandbox().baseUrl() + "/sandbox/shop/webhooks", null).text();
    assertThat(shop).contains(billId + ":bill.captured", billId + ":bill.refunded:rf-2");

    // Isolation: another merchant's key sees neither the bill nor this merchant's lists.
    String other = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    String otherKey = createMerchant(other);
    Map<String, String> asOther = Map.of("X-Api-Key", otherKey);
    assertThatProblem(http.getWith("/api/v1/merchants/" + other + "/bills/" + billId, asOther), 404);
    assertThatProblem(http.getWith("/api/v1/merchants/" + merchantId + "/bills", asOther), 404);
    assertThat(http.getWith("/api/v1/merchants/" + other + "/bills", asOther).json().size()).isZero();
    assertThatProblem(refund(other, otherKey, billId, "1.00", "rf-x"), 404);
    assertThatProblem(http.get("/api/v1/bills/" + billId, token("someone-else", "BORROWER")), 404);
  }

  @Test
  void a_bill_paid_late_owes_30_percent_apr_daily_on_the_unpaid_amount_to_the_cent() {
    String merchantId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId);
    var opened = checkout(merchantId, key, session("200.00", "ORD-" + UUID.randomUUID()), UUID.randomUUID().toString());
    String billId = opened.json().path("billId").asString();
    String shopperToken = token("shopper-" + UUID.randomUUID(), "BORROWER");
    var confirmed = http.post("/api/v1/checkout-sessions/" + billId + "/confirmation", shopperToken, Map.of());
    assertThat(confirmed.json().path("bill").path("status").asString()).as(confirmed.text()).isEqualTo("CAPTURED");

    advanceDays(14 + 8);
    JsonNode late = awaitHttp(() -> http.get("/api/v1/bills/" + billId, shopperToken),
        r -> r.json().path("daysLate").asInt() >= 8 && r.json().path("stages").toString().contains("collection-warning"))
        .json();
    int daysLate = late.path("daysLate").asInt();
    BigDecimal daily = new BigDecimal("200.00").multiply(new BigDecimal("0.30"))
        .divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_EVEN);
    assertThat(late.path("status").asString()).isEqualTo("OVERDUE");
    assertThat(amount(late.path("lateInterest"))).isEqualByComparingTo(daily.multiply(BigDecimal.valueOf(daysLate)));
    assertThat(late.path("stages").toString()).contains("collection-friendly", "collection-warning");
    String owed = amount(late.path("outstanding")).toPlainString();
    pay(late.path("paymentReference").asString(), owed);
    JsonNode paid = awaitHttp(() -> http.get("/api/v1/bills/" + billId, shopperToken),
        r -> r.json().path("status").asString().equals("PAID")).json();
    assertThat(amount(paid.path("paid"))).isEqualByComparingTo(owed);
    String shop = http.get(FullStack.sandbox().baseUrl() + "/sandbox/shop/webhooks", null).text();
    assertThat(shop).contains(billId + ":bill.overdue");
  }

  @Test
  void bad_input_on_the_merchant_api_is_a_problem_and_writes_nothing() {
    String merchantId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId);
    long bills = count("bills");
    assertThatProblem(checkout(merchantId, key, session("-5.00", "ORD-1"), "k1"), 400);
    assertThatProblem(checkout(merchantId, key, session("9000.00", "ORD-2"), "k2"), 400);
    assertThatProblem(checkout(merchantId, key, Map.of("amount", Map.of("amount", 10, "currency", "usd"),
        "orderReference", "ORD-3", "successUrl", "https://a", "cancelUrl", "https://b"), "k3"), 400);
    assertThatProblem(checkout(merchantId, key, Map.of("amount", Map.of("amount", 10, "currency", "USD"),
        "orderReference", "ORD 4 with spaces", "successUrl", "javascript:alert(1)", "cancelUrl", "https://b"), "k4"),
        400);
    assertThatProblem(checkout(merchantId, key, "{not json", "k5"), 400);
    assertThatProblem(checkout(merchantId, "tmk_not-a-real-key-at-all-000000", session("50.00", "ORD-6"), "k6"), 401);
    assertThat(count("bills")).isEqualTo(bills);

    var opened = checkout(merchantId, key, session("50.00", "ORD-7"), "k7");
    String billId = opened.json().path("billId").asString();
    assertThatProblem(checkout(merchantId, key, session("60.00", "ORD-7"), "k8"), 409);
    assertThatProblem(http.post("/api/v1/merchants/" + merchantId + "/bills/" + billId + "/refunds", null,
        Map.of("amount", Map.of("amount", 1, "currency", "USD")), Map.of("X-Api-Key", key)), 400);
    assertThatProblem(refund(merchantId, key, billId, "1.00", "rf-open"), 409);
    assertThatProblem(http.post("/api/v1/admin/merchants", token("admin-1", "ADMIN"), Map.of("id", "bad id!")), 400);
    var unverified = http.post("/api/v1/admin/merchants", token("admin-1", "ADMIN"), Map.of("id", merchantId + "-x",
        "name", "Ghost", "legalName", "Ghost LLC", "taxId", "12-3450000", "country", "US",
        "webhookUrl", "https://ghost.example/hooks", "webhookSecret", SHOP_SECRET, "settlementAccount", "000123456789"));
    assertThatProblem(unverified, 409);
    assertThat(unverified.json().path("detail").asString()).contains("tax_id_not_found");
    assertThat(jdbc.sql("select count(*) from merchants where id = ?").param(merchantId + "-x").query(Long.class)
        .single()).isZero();
    assertThatProblem(http.get("/api/v1/checkout-sessions/not-a-bill", token("s", "BORROWER")), 404);
    assertThatProblem(http.post("/api/v1/checkout-sessions/" + billId + "/confirmation", token("m", "MERCHANT"),
        Map.of()), 403);
  }

  @Test
  void each_merchant_is_limited_at_its_own_rate_and_a_rotated_key_works_beside_the_old_one() {
    String merchantId = "slow-shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId, 3);
    var rotated = http.post("/api/v1/admin/merchants/" + merchantId + "/api-keys", token("admin-1", "ADMIN"), Map.of());
    assertThat(rotated.status()).isEqualTo(201);
    String newKey = rotated.json().path("apiKey").asString();
    assertThat(newKey).isNotEqualTo(key).startsWith("tmk_");
    assertThat(http.getWith("/api/v1/merchants/" + merchantId + "/bills", Map.of("X-Api-Key", key)).status())
        .isEqualTo(200);
    assertThat(http.getWith("/api/v1/merchants/" + merchantId + "/bills", Map.of("X-Api-Key", newKey)).status())
        .isEqualTo(200);
    long bills = count("bills");
    assertThat(checkout(merchantId, newKey, session("20.00", "ORD-RL-1"), "rl-1").status()).isEqualTo(201);
    var limited = checkout(merchantId, newKey, session("20.00", "ORD-RL-2"), "rl-2");
    assertThatProblem(limited, 429);
    assertThat(limited.header("Retry-After")).isNotBlank();
    assertThat(count("bills")).isEqualTo(bills + 1);
    // Another merchant has its own budget.
    String other = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(checkout(other, createMerchant(other), session("20.00", "ORD-RL-3"), "rl-3").status()).isEqualTo(201);
  }

  @Test
  void a_bill_secured_by_lp_tokens_waits_for_the_pledge_is_captured_once_it_is_locked_and_released_when_paid()
      throws Exception {
    String merchantId = "lp-shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId);
    var opened = checkout(merchantId, key, Map.of("amount", Map.of("amount", new BigDecimal("100.00"), "currency", "USD"),
        "orderReference", "ORD-" + UUID.randomUUID(), "successUrl", "https://shop.example/thanks",
        "cancelUrl", "https://shop.example/cart", "product", "BNPL_BILL_LP_COLLATERAL"), UUID.randomUUID().toString());
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);
    String billId = opened.json().path("billId").asString();
    LocalDeployment contracts = FullStack.contracts();
    Credentials wallet = LocalDeployment.liquidityProvider(FullStack.chain(), contracts.faucet(),
        contracts.stablecoin().getContractAddress(), contracts.pool().getContractAddress(),
        BigInteger.valueOf(500_000_000L));
    String shopper = token("lp-shopper-" + UUID.randomUUID(), "BORROWER");
    String confirmation = "/api/v1/checkout-sessions/" + billId + "/confirmation";
    assertThatProblem(http.post(confirmation, shopper, Map.of()), 409);
    assertThatProblem(http.post(confirmation, shopper, Map.of("walletAddress", "0x123")), 400);
    var confirmed = http.post(confirmation, shopper, Map.of("walletAddress", wallet.getAddress()));
    assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
    assertThat(confirmed.json().path("bill").path("status").asString()).isEqualTo("AWAITING_COLLATERAL");

    JsonNode asked = awaitHttp(() -> http.get("/api/v1/bills/" + billId, shopper),
        r -> r.json().path("pledge").hasNonNull("requiredUnits")).json().path("pledge");
    BigInteger units = new BigInteger(asked.path("requiredUnits").asString());
    String vault = asked.path("vaultAddress").asString();
    assertThat(vault).isEqualToIgnoringCase(contracts.lpVault().getContractAddress());
    byte[] position = LocalDeployment.loanKey(billId);
    LiquidityPool.load(contracts.pool().getContractAddress(), FullStack.chain().web3j(),
        FullStack.chain().signer(wallet), FullStack.chain().gas()).approve(vault, units).send();
    for (int i = 0; i < 100 && !contracts.lpVault().expectedDepositor(position).send()
        .equalsIgnoreCase(wallet.getAddress()); i++) {
      sleep(100);
    }
    CollateralVault.load(vault, FullStack.chain().web3j(), FullStack.chain().signer(wallet), FullStack.chain().gas())
        .deposit(position, units).send();
    JsonNode captured = awaitHttp(() -> http.get("/api/v1/bills/" + billId, shopper),
        r -> r.json().path("status").asString().equals("CAPTURED")).json();
    assertThat(captured.path("pledge").path("status").asString()).isEqualTo("LOCKED");

    pay(captured.path("paymentReference").asString(), "100.00");
    JsonNode released = awaitHttp(() -> http.get("/api/v1/bills/" + billId, shopper),
        r -> r.json().path("pledge").path("status").asString().equals("RELEASED")).json();
    assertThat(released.path("status").asString()).isEqualTo("PAID");
  }
}
