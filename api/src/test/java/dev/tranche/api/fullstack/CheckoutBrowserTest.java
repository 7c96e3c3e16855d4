package dev.tranche.api.fullstack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hosted checkout in Chromium: a merchant's session opened over the merchant API, the shopper sent to sign
 * in and back, the terms and their disclosure, a confirmation refused without consent, then confirmed and
 * returned to the merchant's success URL; the bill is captured.
 */
class CheckoutBrowserTest extends BrowserTest {

  @Test
  void a_shopper_signs_in_reads_the_terms_consents_and_is_sent_back_to_the_shop() throws Exception {
    String merchantId = "web-shop-" + UUID.randomUUID().toString().substring(0, 8);
    String key = createMerchant(merchantId);
    var opened = http.post("/api/v1/merchants/" + merchantId + "/checkout-sessions", null,
        Map.of("amount", Map.of("amount", new BigDecimal("250.00"), "currency", "USD"), "orderReference",
            "ORD-" + UUID.randomUUID(), "successUrl", url("/me"), "cancelUrl", url("/me")),
        Map.of("X-Api-Key", key, "Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);
    String billId = opened.json().path("billId").asString();
    String path = URI.create(opened.json().path("checkoutUrl").asString()).getPath();

    page.navigate(url(path));
    assertThat(page).hasURL(url("/console/login"));
    page.getByLabel("User name").fill("ada");
    page.getByLabel("Password").fill("demo");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(url(path));
    assertThat(page.locator("h1")).hasText("Pay Shop " + merchantId + " later");
    assertThat(page.locator("#finance-charge")).hasText("0.00 USD");
    assertThat(page.locator("#total")).hasText("250.00 USD");
    assertThat(page.locator("#late")).containsText("30 % a year");
    assertThat(page.locator("#late")).containsText("0.21 USD a day");
    accessible(page);
    screenshot("checkout");

    page.locator("#confirm").click();
    assertThat(page.locator("#refusal")).hasText("Tick the box to agree to the terms.");
    assertThat(jdbc.sql("select status from bills where id = ?::uuid").param(billId).query(String.class).single())
        .isEqualTo("OPEN");

    page.getByLabel("I agree to pay the amount by the due date, and to the interest above if I pay late.").check();
    page.locator("#confirm").click();
    page.waitForURL(url("/me"));
    assertThat(jdbc.sql("select status from bills where id = ?::uuid").param(billId).query(String.class).single())
        .isEqualTo("CAPTURED");
    assertThat(jdbc.sql("select shopper from bills where id = ?::uuid").param(billId).query(String.class).single())
        .isEqualTo("ada");

    page.navigate(url(path));
    assertThat(page.locator("#status")).hasText("CAPTURED");
    assertThat(page.locator("#confirm")).hasCount(0);
  }
}
