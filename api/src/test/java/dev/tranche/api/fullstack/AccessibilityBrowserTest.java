package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every kind of page, for each role that sees it, checked against WCAG 2 A and AA rules with axe-core. */
@Order(2)
class AccessibilityBrowserTest extends BrowserTest {

  @Test
  void the_console_pages_meet_wcag_2_aa() {
    String loanId = fundedLoan("a11y-" + UUID.randomUUID());
    String thin = submit("a11y-thin-" + UUID.randomUUID(), "222-22-2222");
    awaitReview(thin, token("uw-1", "UNDERWRITER"));

    page.navigate(url("/console/login"));
    accessible(page);
    signIn("ops-1");
    for (String path : new String[] {"/console", "/console/workflows", "/console/workflows?q=" + loanId,
        "/console/workflows/loan-" + loanId, "/console/portfolio", "/console/loans/" + loanId, "/console/schedules"}) {
      page.navigate(url(path));
      accessible(page);
    }
    signIn("uw-1");
    for (String path : new String[] {"/console/reviews", "/console/reviews/" + thin}) {
      page.navigate(url(path));
      accessible(page);
    }
    signIn("admin-1");
    page.navigate(url("/console/partners"));
    accessible(page);
    // The thin file's review must not stay at the top of later tests' queues.
    assertThat(http.post("/api/v1/ops/applications/" + thin + "/cancellation", token("ops-1", "OPS"),
        Map.of("reason", "accessibility check done")).status()).isEqualTo(202);
  }

  @Test
  void the_borrower_pages_meet_wcag_2_aa() {
    String partnerId = "a11y-" + UUID.randomUUID().toString().substring(0, 8);
    String apiKey = createPartner(partnerId);
    String phone = "+1415" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    var created = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null,
        financingOffer("CUST-A11Y", phone, "JOB-" + UUID.randomUUID().toString().substring(0, 8), "7000.00"),
        Map.of("X-Api-Key", apiKey));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String token = awaitLinkTextedTo(phone);
    page.setViewportSize(390, 844);
    page.navigate(url("/apply/" + token));
    accessible(page);
    // The form shown again with its errors.
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Submit my application")).click();
    accessible(page);
    page.navigate(url("/apply/" + "B".repeat(43)));
    accessible(page);

    String id = submit("ada", "111-11-1111");
    awaitApplication(id, token("ada", "BORROWER"), status("OFFERED"));
    signIn(page, "ada");
    page.waitForURL(url("/me"));
    accessible(page);
    page.navigate(url("/me/applications/" + id));
    accessible(page);
  }
}
