package dev.tranche.api.fullstack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The console in a real browser: reviews, the workflow explorer, the portfolio, and who may see what. */
@Order(2)
class ConsoleBrowserTest extends BrowserTest {

  @Test
  void an_underwriter_claims_a_thin_file_review_sees_the_evidence_and_approves_and_the_borrower_is_offered()
      throws Exception {
    String borrower = "console-thin-" + UUID.randomUUID();
    String id = submit(borrower, "222-22-2222");
    awaitApplication(id, token(borrower, "BORROWER"), status("IN_REVIEW"));
    awaitReview(id, token("uw-1", "UNDERWRITER"));

    signIn("uw-1");
    page.navigate(url("/console/reviews"));
    screenshot("review-queue");
    page.getByText(id).click();
    page.waitForURL(url("/console/reviews/" + id));
    assertThat(page.locator("#score").textContent()).isNotBlank();
    assertThat(page.getByText("Rule hits").isVisible()).isTrue();
    // The evidence is PII-masked: the applicant's SSN never reaches the page.
    assertThat(page.content()).doesNotContain("222-22-2222").doesNotContain("222222222");

    page.locator("#claim").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).hasText("Claimed.");
    assertThat(page.locator("#claimed-by")).hasText("uw-1");

    page.getByLabel("Reason code for an approval (e.g. VERIFIED_INCOME)").fill("VERIFIED_INCOME");
    page.locator("#decide").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
        .hasText("Decision recorded: APPROVE.");
    screenshot("review-decided");

    // The same Temporal update as the API: the application goes on to its offers.
    JsonNode offered = awaitApplication(id, token(borrower, "BORROWER"), status("OFFERED"));
    assertThat(offered.path("status").asString()).isEqualTo("OFFERED");
    assertThat(http.get("/api/v1/applications/" + id + "/offers", token(borrower, "BORROWER")).json()
        .path("offers").size()).isPositive();
  }

  @Test
  void above_25000_a_second_underwriter_completes_the_four_eyes_approval() throws Exception {
    String borrower = "console-foureyes-" + UUID.randomUUID();
    String id = submit(borrower, "222-22-2222", "30000.00");
    awaitApplication(id, token(borrower, "BORROWER"), status("IN_REVIEW"));
    awaitReview(id, token("uw-1", "UNDERWRITER"));

    signIn("uw-1");
    page.navigate(url("/console/reviews/" + id));
    claimAndApprove(page);
    assertThat(page.locator("#review-status")).hasText("AWAITING_SECOND_APPROVAL");
    assertThat(page.locator("#first-approver")).hasText("uw-1");
    page.context().clearCookies();

    signIn("uw-2");
    page.navigate(url("/console/reviews/" + id));
    assertThat(page.locator("#first-approver")).hasText("uw-1");
    claimAndApprove(page);
    assertThat(page.locator("#review-status")).hasText("DECIDED");
    screenshot("review-four-eyes");
    awaitApplication(id, token(borrower, "BORROWER"), status("OFFERED"));
  }

  @Test
  void ops_find_a_funded_application_and_follow_its_disbursement_child_to_the_funding_signal() throws Exception {
    String borrower = "console-ops-" + UUID.randomUUID();
    fundedLoan(borrower);
    String id = jdbc.sql("select id::text from applications where borrower_id = ?").param(borrower)
        .query(String.class).single();

    signIn("ops-1");
    page.navigate(url("/console/workflows"));
    page.getByLabel("Business id, loan id, workflow id or business date").fill(id);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Search")).click();
    page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
        new Page.GetByRoleOptions().setName("application-" + id)).click();
    assertThat(page.locator("ol.timeline")).containsText("Started LoanApplicationWorkflow");
    assertThat(page.locator("ol.timeline")).containsText("Status now FUNDED");
    // Its live state is the workflow's own answer to its status query.
    assertThat(page.locator("#live-state")).containsText("\"status\" : \"FUNDED\"");
    screenshot("workflow-application");
    page.locator("a.related").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText("disbursement-")).first().click();
    assertThat(page.locator("h1")).containsText("disbursement-");
    assertThat(page.locator("ol.timeline")).containsText("Signal fundingConfirmed received");
    assertThat(page.locator("#live-state")).isVisible();
    // Each step opens to its decoded event.
    page.locator("ol.timeline details").first().locator("summary").click();
    assertThat(page.locator("ol.timeline details pre").first()).containsText("eventType");
    screenshot("workflow-disbursement");
  }

  @Test
  void the_portfolio_page_shows_the_numbers_the_api_reports_and_draws_them() throws Exception {
    fundedLoan("console-portfolio-" + UUID.randomUUID());
    String ops = token("ops-1", "OPS");
    signIn("ops-1");
    page.navigate(url("/console/portfolio"));
    JsonNode funnel = http.get("/api/v1/portfolio/funnel", ops).json();
    JsonNode buckets = http.get("/api/v1/portfolio/delinquency", ops).json().path("buckets");
    JsonNode trial = http.get("/api/v1/ledger/trial-balance", ops).json();

    var funnelRows = page.locator("#funnel tbody tr");
    String[] stages = {"submitted", "decided", "offered", "accepted", "funded"};
    for (int i = 0; i < stages.length; i++) {
      assertThat(funnelRows.nth(i).locator("td")).hasText(funnel.path(stages[i]).asString());
    }
    assertThat(funnel.path("funded").asLong()).isPositive();
    for (int i = 0; i < buckets.size(); i++) {
      var row = page.locator("#delinquency tbody tr").nth(i);
      assertThat(row.locator("th")).hasText(buckets.get(i).path("bucket").asString());
      assertThat(row.locator("td").nth(0)).hasText(buckets.get(i).path("loans").asString());
      assertThat(new java.math.BigDecimal(row.locator("td").nth(1).textContent()))
          .isEqualByComparingTo(amount(buckets.get(i).path("balance")));
    }
    assertThat(new java.math.BigDecimal(page.locator("#debits").textContent()))
        .isEqualByComparingTo(amount(trial.path("debits")));
    assertThat(new java.math.BigDecimal(page.locator("#credits").textContent()))
        .isEqualByComparingTo(amount(trial.path("credits")));
    assertThat(page.locator("#balanced")).hasText("balanced");
    JsonNode decisions = http.get("/api/v1/portfolio/decisions", ops).json();
    assertThat(page.locator("#decided")).hasText(decisions.path("decided").asString());
    assertThat(page.locator("#approved")).hasText(decisions.path("approved").asString());
    assertThat(page.locator("#approval-rate")).hasText(decisions.path("approvalRatePercent").asString() + " %");
    for (int i = 0; i < decisions.path("timeToDecision").size(); i++) {
      assertThat(page.locator("#time-to-decision tbody tr").nth(i).locator("td"))
          .hasText(decisions.path("timeToDecision").get(i).path("applications").asString());
    }
    JsonNode losses = http.get("/api/v1/portfolio/losses", ops).json();
    assertThat(page.locator("#losses tbody tr").nth(0).locator("td").nth(0))
        .hasText(losses.path("chargeOffs").asString());
    assertThat(page.locator("#losses tbody tr").nth(2).locator("td").nth(0))
        .hasText(losses.path("liquidations").asString());
    assertThat(new java.math.BigDecimal(page.locator("#losses tbody tr").nth(0).locator("td").nth(1).textContent()))
        .isEqualByComparingTo(amount(losses.path("chargedOff")));
    JsonNode stagesOpen = http.get("/api/v1/portfolio/collections", ops).json();
    assertThat(page.locator("#collection-stages tbody tr")).hasCount(stagesOpen.size());
    assertThat(http.get("/api/v1/portfolio/roll-rates", ops).status()).isEqualTo(200);
    // Chart.js drew a chart beside each table that has one.
    int charts = page.locator("canvas").count();
    assertThat(charts).isGreaterThanOrEqualTo(3);
    assertThat(page.locator("canvas[data-drawn=true]")).hasCount(charts);
    screenshot("portfolio");
  }

  @Test
  void ops_read_a_funded_loan_its_schedule_statement_and_ledger_postings() throws Exception {
    String loanId = fundedLoan("console-loan-" + UUID.randomUUID());
    JsonNode api = http.get("/api/v1/loans/" + loanId, token("ops-1", "OPS")).json();
    signIn("ops-1");
    page.navigate(url("/console/workflows?q=" + loanId));
    page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
        new Page.GetByRoleOptions().setName(loanId).setExact(true)).click();
    assertThat(page.locator("#loan-status")).hasText("ACTIVE");
    assertThat(page.locator("#principal")).containsText(" USD");
    assertThat(new java.math.BigDecimal(page.locator("#principal").textContent().replace(" USD", "")))
        .isEqualByComparingTo(amount(api.path("principal")));
    // The schedule in force is the API's, row for row.
    assertThat(page.locator("#schedule-v1 tbody tr")).hasCount(api.path("schedule").size());
    assertThat(page.locator("#statement")).containsText("Balance");
    assertThat(page.locator("#postings")).containsText("DISBURSEMENT");
    assertThat(page.locator("#postings")).containsText("loan:" + loanId + ":principal");
    screenshot("loan");
  }

  @Test
  void a_scheduler_runs_a_sweep_once_for_a_business_date_and_sees_its_report() throws Exception {
    java.time.LocalDate date = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
        .minusDays(1 + (int) (Math.random() * 150)); // ServicingFlowTest sweeps 151-300 days ago
    signIn("scheduler-1");
    page.navigate(url("/console/schedules"));
    page.getByLabel("Business date").fill(date.toString());
    page.locator("#run-sweep").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
        .hasText("The sweep for " + date + " started.");
    // Once per date: the same date again is only reported.
    page.getByLabel("Business date").fill(date.toString());
    page.locator("#run-sweep").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
        .hasText("The sweep for " + date + " already ran; it runs once per date.");
    var row = page.locator("#sweeps tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(date.toString()));
    for (int i = 0; i < 100 && row.locator("td").first().textContent().equals("running"); i++) {
      page.reload();
      Thread.sleep(100);
    }
    assertThat(row.locator("td").nth(1)).hasText(String.valueOf(http.post("/api/v1/collections/sweeps",
        token("cron-1", "SCHEDULER"), Map.of("businessDate", date.toString())).json().path("report")
        .path("loansChecked").asLong()));
    assertThat(count("collection_sweeps where business_date = '" + date + "'")).isEqualTo(1);
    screenshot("schedules");
  }

  @Test
  void an_admin_rotates_a_partners_key_which_is_shown_once_and_works_on_the_partner_api() throws Exception {
    String partnerId = "console-" + UUID.randomUUID().toString().substring(0, 8);
    String oldKey = createPartner(partnerId);
    signIn("admin-1");
    page.navigate(url("/console/partners"));
    assertThat(page.locator("#partners")).containsText(partnerId);
    page.locator("#rotate-" + partnerId).click();
    assertThat(page.locator("#new-key")).containsText("tpk_");
    String newKey = page.locator("#new-key").textContent();
    assertThat(newKey).isNotEqualTo(oldKey);
    screenshot("partners");
    // Shown once: a reload no longer has it.
    page.reload();
    assertThat(page.locator("#new-key")).hasCount(0);
    // The new key opens the partner API (the old one keeps working for the grace period).
    var offer = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null,
        financingOffer("C-" + UUID.randomUUID(), "+14155550199", "JOB-" + UUID.randomUUID(), "4000.00"),
        Map.of("X-Api-Key", newKey));
    assertThat(offer.status()).as(offer.text()).isEqualTo(201);
  }

  @Test
  void an_admin_onboards_a_partner_whose_first_key_is_shown_once_after_a_refused_attempt() throws Exception {
    String partnerId = "onboard-" + UUID.randomUUID().toString().substring(0, 8);
    String sandbox = FullStack.sandbox().baseUrl();
    signIn("admin-1");
    page.navigate(url("/console/partners"));
    page.getByLabel("Partner id (lower case, e.g. acme-crm)").fill(partnerId);
    page.getByLabel("Name").fill("Onboarded Pest Control");
    page.getByLabel("CRM base URL").fill(sandbox);
    page.getByLabel("CRM API token (at least 8 characters)").fill("crm-api-token-123");
    page.getByLabel("Webhook URL").fill(sandbox + "/crm/v1/webhooks/tranche");
    page.getByLabel("Webhook secret (at least 24 characters)").fill("too-short");
    page.locator("#onboard").click();
    assertThat(page.locator("#onboard-errors")).containsText("webhookSecret: size must be between 24 and 200");
    assertThat(count("partners where id = '" + partnerId + "'")).isZero();
    // The form keeps what was typed, never the secrets.
    assertThat(page.getByLabel("Partner id (lower case, e.g. acme-crm)")).hasValue(partnerId);
    assertThat(page.getByLabel("CRM API token (at least 8 characters)")).hasValue("");

    page.getByLabel("CRM API token (at least 8 characters)").fill("crm-api-token-123");
    page.getByLabel("Webhook secret (at least 24 characters)").fill("dev-partner-webhook-secret");
    page.locator("#onboard").click();
    assertThat(page.locator("#new-key")).containsText("tpk_");
    String key = page.locator("#new-key").textContent();
    assertThat(page.locator("#partners")).containsText(partnerId);
    assertThat(count("audit_log where action = 'PARTNER_CREATED' and subject_id = '" + partnerId + "'"))
        .isEqualTo(1);
    var offer = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null,
        financingOffer("C-" + UUID.randomUUID(), "+14155550198", "JOB-" + UUID.randomUUID(), "4000.00"),
        Map.of("X-Api-Key", key));
    assertThat(offer.status()).as(offer.text()).isEqualTo(201);
  }

  @Test
  void a_sweep_whose_run_was_lost_is_run_again_after_confirmation_and_audited() throws Exception {
    java.time.LocalDate date = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
        .minusDays(301 + (int) (Math.random() * 60));
    // Claimed by a run Temporal no longer knows, never reported: what a failed or forgotten run leaves.
    jdbc.sql("insert into collection_sweeps (business_date, claimed_by) values (?, 'lost-run')").param(date).update();
    signIn("scheduler-1");
    page.navigate(url("/console/schedules"));
    var row = page.locator("#sweeps tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(date.toString()));
    assertThat(row.locator("td").first()).hasText("running");
    page.locator("#rerun-" + date).click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
        .hasText("Nothing was started: tick the confirmation first.");
    page.locator("#confirm-" + date).check();
    page.locator("#rerun-" + date).click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
        .hasText("The sweep for " + date + " runs again.");
    // Between the stale claim's release and the new run's claim the row is briefly gone.
    for (int i = 0; i < 100 && (row.count() == 0 || row.locator("td").first().textContent().equals("running")); i++) {
      Thread.sleep(100);
      page.reload();
    }
    assertThat(row.locator("td").first()).not().hasText("running");
    assertThat(count("collection_sweeps where business_date = '" + date + "' and report is not null")).isEqualTo(1);
    assertThat(count("audit_log where action = 'SWEEP_RERUN' and subject_id = '" + date + "'")).isEqualTo(1);
    // Finished now: nothing to re-run.
    assertThat(page.locator("#rerun-" + date)).hasCount(0);
    // The explorer finds sweeps too, by business date.
    signIn("ops-1");
    page.navigate(url("/console/workflows?q=" + date));
    assertThat(page.locator("main")).containsText("collections-sweep-" + date);
  }

  @Test
  void staff_sign_in_through_openid_connect_with_roles_from_the_claim_and_a_claim_without_a_role_is_refused() {
    String sandbox = FullStack.sandbox().baseUrl();
    http.post(sandbox + "/sandbox/oidc/next-user", null, Map.of("sub", "ops-jane", "roles", java.util.List.of("OPS")));
    page.navigate(url("/console/login"));
    page.locator("#oidc-sign-in").click();
    page.waitForURL(url("/console"));
    assertThat(page.locator("nav")).containsText("ops-jane");
    assertThat(page.navigate(url("/console/workflows")).status()).isEqualTo(200);
    assertThat(page.navigate(url("/console/partners")).status()).isEqualTo(403);

    // A role given as a string, not an array, is no role: the sign-in is refused.
    Page other = secondPage();
    http.post(sandbox + "/sandbox/oidc/next-user", null, Map.of("sub", "sloppy", "roles", "OPS"));
    other.navigate(url("/console/login"));
    other.locator("#oidc-sign-in").click();
    other.waitForURL(url("/console/login?error"));
    assertThat(other.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("without a Tranche role");

    // A borrower signed in by the provider lands on the borrower's pages.
    Page borrower = secondPage();
    http.post(sandbox + "/sandbox/oidc/next-user", null, Map.of("sub", "oidc-borrower",
        "roles", java.util.List.of("BORROWER")));
    borrower.navigate(url("/console/login"));
    borrower.locator("#oidc-sign-in").click();
    borrower.waitForURL(url("/me"));
  }

  @Test
  void ops_cancel_an_application_in_review_with_a_reason_after_confirming_and_it_leaves_the_queue()
      throws Exception {
    String borrower = "console-cancel-" + UUID.randomUUID();
    String id = submit(borrower, "222-22-2222");
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("IN_REVIEW"));
    awaitReview(id, token("uw-1", "UNDERWRITER"));

    signIn("ops-1");
    page.navigate(url("/console/workflows/application-" + id));
    page.locator("#cancel-application").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).containsText("Nothing was cancelled");
    page.getByLabel("Reason (kept in the audit log)").fill("duplicate of an earlier application");
    page.getByLabel("I confirm: stop this application for good.").check();
    page.locator("#cancel-application").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
        .containsText("Cancellation requested");
    JsonNode cancelled = awaitApplication(id, token, status("CANCELLED"));
    assertThat(cancelled.path("reasonCodes").toString()).contains("CANCELLED_BY_OPS");
    assertThat(count("audit_log where action = 'APPLICATION_CANCELLED' and subject_id = '" + id + "'"))
        .isEqualTo(1);
    awaitHttp(() -> http.get("/api/v1/reviews", token("uw-1", "UNDERWRITER")), r -> !r.text().contains(id));
    assertThat(jdbc.sql("select status from review_queue where application_id = ?::uuid").param(id)
        .query(String.class).single()).isEqualTo("EXPIRED");
    // Done: nothing more to cancel, on the page or through the API.
    page.reload();
    assertThat(page.locator("#cancel-application")).hasCount(0);
    assertThatProblem(http.post("/api/v1/ops/applications/" + id + "/cancellation", token("ops-1", "OPS"),
        Map.of("reason", "again")), 409);
  }

  @Test
  void an_underwriter_is_refused_the_workflow_explorer() {
    signIn("uw-1");
    Response explorer = page.navigate(url("/console/workflows"));
    assertThat(explorer.status()).isEqualTo(403);
  }

  @Test
  void a_refused_action_is_shown_in_words_and_changes_nothing() throws Exception {
    String borrower = "console-refused-" + UUID.randomUUID();
    String id = submit(borrower, "222-22-2222");
    awaitApplication(id, token(borrower, "BORROWER"), status("IN_REVIEW"));
    awaitReview(id, token("uw-1", "UNDERWRITER"));
    signIn("uw-2");
    page.navigate(url("/console/reviews/" + id));
    // Deciding without claiming first: the review workflow's validator refuses.
    page.getByLabel("Reason code for an approval (e.g. VERIFIED_INCOME)").fill("VERIFIED_INCOME");
    page.locator("#decide").click();
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
        .containsText(java.util.regex.Pattern.compile("^Refused: .+"));
    assertThat(page.locator("#review-status")).hasText("OPEN");
    screenshot("review-refused");
    // Done the right way round, so no open review is left for the SLA test that moves the clock later.
    claimAndApprove(page);
    assertThat(page.locator("#review-status")).hasText("DECIDED");
  }

  @Test
  void a_borrower_is_refused_the_underwriters_pages() throws Exception {
    page.navigate(url("/console/login"));
    page.getByLabel("User name").fill("ada");
    page.getByLabel("Password").fill("demo");
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Sign in")).click();
    Response queue = page.navigate(url("/console/reviews"));
    assertThat(queue.status()).isEqualTo(403);
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING).first().textContent())
        .isEqualTo("Not for your role");
    screenshot("borrower-refused");
  }

  @Test
  void without_a_session_the_console_sends_you_to_sign_in_and_a_form_without_its_csrf_token_is_refused() {
    page.navigate(url("/console/reviews"));
    assertThat(page.url()).isEqualTo(url("/console/login"));
    var post = http.post("/console/reviews/" + UUID.randomUUID() + "/claim", null, Map.of());
    assertThat(post.status()).isIn(302, 403);
  }
}
