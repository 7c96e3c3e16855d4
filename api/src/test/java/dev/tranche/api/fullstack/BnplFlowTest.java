package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Buy now, pay later over HTTP against the embedded platform: an admin onboards a merchant (KYB in the
 * sandbox), the merchant opens a checkout session with its API key, a signed-in shopper confirms, the
 * merchant refunds before and after its settlement, the dev clock ends the business day and later the grace
 * period, and the shopper pays through the payment rail sandbox. Merchants see only their own bills.
 */
class BnplFlowTest extends FullStackTest {

  private static final String SHOP_SECRET = "dev-merchant-webhook-secret";

  /** Onboards a merchant whose shop backend is the sandbox's; returns its API key. */
  private String merchant(String id) {
    String sandbox = FullStack.sandbox().baseUrl();
    var created = http.post("/api/v1/admin/merchants", token("admin-1", "ADMIN"), Map.of("id", id,
        "name", "Corner Shop " + id, "legalName", "Corner Shop " + id + " LLC", "taxId", "12-3456789", "country", "US",
        "webhookUrl", sandbox + "/shop/v1/webhooks/" + id, "webhookSecret", SHOP_SECRET,
        "settlementAccount", "000123456789"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("apiKey").asString();
  }

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
    String key = merchant(merchantId);
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
    String otherKey = merchant(other);
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
    String key = merchant(merchantId);
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
    String key = merchant(merchantId);
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
}
