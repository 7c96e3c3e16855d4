package dev.tranche.api.fullstack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A loan lives its life in minutes: ops move the embedded clock from the console and watch a missed
 * installment's collection case reach its day-1 and day-7 stages, with the texts sent. Runs after every
 * other test of the shared server that needs its clock to stand still.
 */
@Order(9)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ClockBrowserTest extends BrowserTest {

  private void advance(int days) {
    page.navigate(url("/console"));
    page.getByLabel("Advance by days").fill(String.valueOf(days));
    page.locator("#advance").click();
    try {
      assertThat(page.getByRole(AriaRole.STATUS)).containsText("The clock now reads",
          new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
    } catch (AssertionError overran) {
      throw new AssertionError("the clock did not move " + days + " days in 2 minutes: "
          + BusyServer.report(java.time.Duration.ofSeconds(10)), overran);
    }
  }

  @Test
  @Order(1)
  void the_clock_advanced_35_days_shows_a_collection_case_at_day_1_and_5_more_at_day_7_with_the_texts_sent()
      throws Exception {
    // Earlier tests moved this server's clock a day past the lenders' 12-24 h quotes: still offered.
    String loanId = fundedLoan("clock-" + UUID.randomUUID());
    // The first autopay debit is refused by the rail, so installment 1 goes unpaid.
    var scripted = http.post(FullStack.sandbox().baseUrl() + "/sandbox/rails/script", null,
        Map.of("account", "acct-" + loanId, "outcomes", java.util.List.of("REJECT")));
    assertThat(scripted.status()).as(scripted.text()).isLessThan(300);
    signIn("ops-1");
    advance(35);
    screenshot("clock-advanced");

    page.navigate(url("/console/workflows?q=" + loanId));
    var caseLink = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("collection-" + loanId + "-1"));
    assertThat(caseLink).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
    caseLink.click();
    var timeline = page.locator("ol.timeline");
    assertThat(timeline).containsText("SendSms (collection-friendly) completed");
    assertThat(timeline).containsText("RecordStage (collection-friendly) completed");

    // The first due date is a calendar month after funding: five more days reach the day-7 stage.
    advance(5);
    page.navigate(url("/console/workflows/collection-" + loanId + "-1"));
    assertThat(timeline).containsText("SendSms (collection-warning) completed");
    assertThat(timeline).containsText("RecordStage (collection-warning) completed");
    screenshot("collection-case");
    assertThat(jdbc.sql("select count(*) from sms_messages where idempotency_key in (?, ?)")
        .params("collection-friendly:" + loanId + ":1", "collection-warning:" + loanId + ":1")
        .query(Long.class).single()).isEqualTo(2);

    // The servicing workflow continued as new past the due date: its run links the run it continued.
    page.navigate(url("/console/workflows/loan-" + loanId));
    assertThat(timeline).containsText("continuing run");
    String current = page.url();
    page.locator("a.related").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("open run"))
        .first().click();
    page.waitForURL(u -> !u.equals(current));
    assertThat(timeline).containsText("Continued as new run");
  }

  @Test
  @Order(2)
  void the_api_moves_the_same_clock_for_ops_only_and_refuses_bad_input() {
    String ops = token("ops-1", "OPS");
    java.time.Instant before = java.time.Instant.parse(http.get("/api/v1/dev/clock", ops).json().path("now")
        .asString());
    var moved = http.post("/api/v1/dev/clock/advance", ops, Map.of("days", 1));
    assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    java.time.Instant now = java.time.Instant.parse(moved.json().path("now").asString());
    assertThat(now).isAfterOrEqualTo(before.plus(java.time.Duration.ofDays(1)));
    // Business dates read outside workflows move with it: the portfolio is read as of the workflows' date, weeks
    // past the machine's after the test before, and the schedules page offers that date's sweep.
    java.time.LocalDate serverToday = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
    assertThat(serverToday).isAfter(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30));
    assertThat(http.get("/api/v1/portfolio/delinquency", ops).json().path("asOf").asString())
        .isEqualTo(serverToday.toString());
    signIn("ops-1");
    page.navigate(url("/console/schedules"));
    assertThat(page.locator("input[name=businessDate]")).hasValue(serverToday.toString());
    assertThat(http.post("/api/v1/dev/clock/advance", token("b", "BORROWER"), Map.of("days", 1)).status())
        .isEqualTo(403);
    var zero = http.post("/api/v1/dev/clock/advance", ops, Map.of("days", 0));
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.header("Content-Type")).startsWith("application/problem+json");
  }
}
