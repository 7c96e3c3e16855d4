package dev.tranche.api.fullstack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * The borrower's pages in a real browser: the texted link opens a form, an underwriter approves the thin
 * file in the console, the borrower's page shows the offers with their Truth in Lending boxes and signs, follows
 * funding, and pays through the rail sandbox; a collateralised borrower sees the deposit instructions and the
 * deposit arrive; nobody sees another's application.
 */
@Order(2)
class BorrowerBrowserTest extends BrowserTest {

  private static final LocatorAssertions.HasTextOptions WAIT = new LocatorAssertions.HasTextOptions().setTimeout(30_000);

  @Autowired WorkflowClient temporal;

  @Test
  void the_texted_link_is_completed_an_underwriter_approves_and_the_borrower_signs_follows_funding_and_pays()
      throws Exception {
    String partnerId = "crm-" + UUID.randomUUID().toString().substring(0, 8);
    String apiKey = createPartner(partnerId);
    String phone = "+1415" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    var created = http.post("/api/v1/partners/" + partnerId + "/financing-offers", null,
        financingOffer("CUST-7", phone, "JOB-" + UUID.randomUUID().toString().substring(0, 8), "9000.00"),
        Map.of("X-Api-Key", apiKey, "Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("applicationId").asString();
    String token = awaitLinkTextedTo(phone);
    assertThat(smsSent()).contains("/apply/" + token);

    List<String> urls = new ArrayList<>();
    page.onRequest(request -> urls.add(request.url()));
    page.setViewportSize(390, 844);
    Response opened = page.navigate(url("/apply/" + token));
    assertThat(opened.status()).isEqualTo(200);
    assertThat(page.locator("#customer-name")).hasText("Ada Prime");
    assertThat(page.locator("#amount")).hasText("9000.00 USD");
    screenshot("borrower-link");

    // Nothing filled in: each missing field is named, in words, and nothing is written.
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit my application")).click();
    assertThat(page.locator("#error-summary")).containsText("Consents: consent to a credit pull is required");
    assertThat(page.locator("#error-summary")).containsText("Social Security number: must not be blank");
    assertThat(page.locator("#ssn-error")).hasText("must not be blank");
    assertThat(jdbc.sql("select status from applications where id = ?::uuid").param(id).query(String.class).single())
        .isEqualTo("INVITED");

    page.getByLabel("Date of birth").fill("1985-04-12");
    page.getByLabel("Social Security number").fill("222-22-2222");
    page.getByLabel("Street address").fill("1 Main St");
    page.getByLabel("City").fill("Austin");
    page.getByLabel("State").fill("TX");
    page.getByLabel("ZIP code").fill("78701");
    page.getByLabel("Monthly income before tax (USD)").fill("8500.00");
    page.getByLabel("I allow Tranche to get my credit report").check();
    page.getByLabel("I agree to receive disclosures").check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit my application")).click();
    page.waitForURL(url("/me/applications/" + id));

    // A thin file goes to an underwriter; the borrower's page follows it by itself.
    assertThat(page.locator("#status")).hasAttribute("data-status", "IN_REVIEW",
        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
    Page underwriter = secondPage();
    signIn(underwriter, "uw-1");
    underwriter.navigate(url("/console/reviews/" + id));
    assertThat(underwriter.locator("#score").textContent()).isNotBlank();
    claimAndApprove(underwriter);

    assertThat(page.locator("#offers")).containsText("Annual percentage rate",
        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
    assertThat(page.locator("article.offer").first().locator(".apr")).hasText(
        java.util.regex.Pattern.compile("^\\d+\\.\\d{2} %$"));
    screenshot("borrower-offers");
    var first = page.locator("article.offer").first();
    String offerId = first.getAttribute("data-offer-id");
    first.getByText("Read the loan agreement").click();
    assertThat(first.locator("pre.agreement")).containsText("TRANCHE LOAN AGREEMENT");
    String shownSha = first.locator(".agreement-sha").textContent().strip();

    // Signing without the consent is refused in words and signs nothing.
    first.getByLabel("Type your full name to sign").fill("Ada Prime");
    first.getByRole(AriaRole.BUTTON).click();
    assertThat(page.locator("#refusal")).hasText("Tick the box to agree to sign electronically.");
    assertThat(count("signatures where application_id = '" + id + "'")).isZero();

    first = page.locator("article.offer").first();
    first.getByLabel("Type your full name to sign").fill("Ada Prime");
    first.getByLabel("I have read the agreement and sign it electronically.").check();
    first.getByRole(AriaRole.BUTTON).click();
    assertThat(page.locator("#signed-sha")).hasText(shownSha);
    assertThat(jdbc.sql("select agreement_sha256 from signatures where application_id = ?::uuid").param(id)
        .query(String.class).single()).isEqualTo(shownSha);
    assertThat(jdbc.sql("select offer_id from signatures where application_id = ?::uuid").param(id)
        .query(String.class).single()).isEqualTo(offerId);

    assertThat(page.locator("#status")).hasAttribute("data-status", "FUNDED",
        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
    screenshot("borrower-funded");
    page.locator("#loan-link").click();
    String loanId = jdbc.sql("select loan_id from applications where id = ?::uuid").param(id).query(String.class)
        .single();
    page.waitForURL(url("/me/loans/" + loanId));
    BigDecimal before = amount(page.locator("#balance").textContent());
    page.getByLabel("Amount (USD), sent now through the payment rail sandbox").fill("250.00");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
    assertThat(page.locator("#notice")).containsText("Payment of 250.00 USD sent");
    // The rail reported it to the signed payments webhook; the servicing workflow applied it.
    BigDecimal after = before;
    long deadline = System.currentTimeMillis() + 30_000;
    while (after.compareTo(before) >= 0 && System.currentTimeMillis() < deadline) {
      sleep(200);
      page.reload();
      after = amount(page.locator("#balance").textContent());
    }
    assertThat(after).isLessThan(before);
    assertThat(count("webhook_events where provider = 'payments' and event_id like 'TRF-%'")).isPositive();
    screenshot("borrower-loan");

    // No PII ever travelled in a URL.
    assertThat(String.join("\n", urls)).doesNotContain("222-22-2222").doesNotContain("222222222")
        .doesNotContain("1985-04-12");
  }

  private static boolean pause() {
    sleep(500);
    return true;
  }

  /** The amount of a money text such as "8753.21 USD". */
  private static BigDecimal amount(String text) {
    return new BigDecimal(text.strip().split("\\s+")[0]);
  }

  @Test
  void a_collateralised_borrower_sees_the_deposit_instructions_and_the_deposit_arrive_live() throws Exception {
    Chain chain = FullStack.chain();
    LocalDeployment contracts = FullStack.contracts();
    contracts.setPrice(2000);
    Credentials wallet = chain.fundedAccount();
    contracts.fundBorrower(chain, wallet, BigInteger.TEN.multiply(BigInteger.TEN.pow(18)));
    Map<String, Object> body = application("111-11-1111");
    Map<String, Object> collateral = new LinkedHashMap<>();
    collateral.put("chain", "local");
    collateral.put("walletAddress", Keys.toChecksumAddress(wallet.getAddress()));
    collateral.put("payout", "WALLET");
    body.put("collateral", collateral);
    String ada = token("ada", "BORROWER");
    var submitted = http.post("/api/v1/applications", ada, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String id = submitted.json().path("applicationId").asString();

    signIn(page, "ada");
    page.waitForURL(url("/me"));
    page.locator("#applications a[href='/me/applications/" + id + "']").click();
    assertThat(page.locator("#offers")).containsText("Annual percentage rate",
        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
    var first = page.locator("article.offer").first();
    first.getByLabel("Type your full name to sign").fill("Ada Prime");
    first.getByLabel("I have read the agreement and sign it electronically.").check();
    first.getByRole(AriaRole.BUTTON).click();

    assertThat(page.locator("#deposit-status")).hasText("AWAITING_DEPOSIT", WAIT);
    String loanId = jdbc.sql("select loan_id::text from collateral_requirements where application_id = ?::uuid")
        .param(id).query(String.class).single();
    String key = Numeric.toHexString(LocalDeployment.loanKey(loanId));
    String vault = contracts.vault().getContractAddress();
    String required = jdbc.sql("select required_wei::text from collateral_requirements where application_id = ?::uuid")
        .param(id).query(String.class).single();
    assertThat(page.locator("#deposit-uri").textContent()).isEqualToIgnoringCase(
        "ethereum:" + vault + "@" + chain.chainId() + "/deposit?bytes32=" + key + "&uint256=" + required);
    assertThat(page.locator("#approve-uri").textContent()).endsWith("/approve?address=" + vault + "&uint256=" + required);
    assertThat(page.locator(".qr svg").first()).hasAttribute("aria-label", "QR code of the approval request");
    screenshot("borrower-deposit");

    contracts.deposit(chain, wallet, loanId, new BigInteger(required));
    assertThat(page.locator("#deposit-status")).hasText("DEPOSITED", WAIT);
    assertThat(page.locator("#status")).hasAttribute("data-status", "FUNDED",
        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
    // The explorer lists the loan's monitor, by loan id, as the API does.
    assertThat(http.get("/api/v1/ops/workflows?businessId=" + loanId, token("ops-1", "OPS")).text())
        .contains(dev.tranche.common.WorkflowIds.collateralMonitor(loanId));
    // Ops see the position as the monitor reads it, and may trigger a liquidation: confirmed, with a reason.
    Page ops = secondPage();
    signIn(ops, "ops-1");
    long readBy = System.currentTimeMillis() + 30_000;
    do {
      ops.navigate(url("/console/loans/" + loanId));
    } while (ops.locator("#position tbody tr").count() == 0 && System.currentTimeMillis() < readBy && pause());
    assertThat(ops.locator("#position tbody tr").first()).containsText("2000.0000");
    ops.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "console",
        "loan-collateral.png")).setFullPage(true));
    ops.locator("#liquidate").click();
    assertThat(ops.getByRole(AriaRole.ALERT)).containsText("Nothing was started");
    ops.getByLabel("Reason (kept in the audit log)").fill("borrower asked to close the position");
    ops.getByLabel("I confirm: sell this loan's collateral on-chain now.").check();
    ops.locator("#liquidate").click();
    assertThat(ops.getByRole(AriaRole.STATUS)).containsText("Liquidation started");
    // A healthy position is not sold: the workflow reads it and stops.
    assertThat(temporal.newUntypedWorkflowStub("liquidation-" + loanId)
        .getResult(30, java.util.concurrent.TimeUnit.SECONDS, dev.tranche.chain.LiquidationOutcome.class).outcome())
        .isEqualTo("HEALTHY");
    assertThat(count("audit_log where action = 'LIQUIDATION_TRIGGERED' and subject_id = '" + loanId + "'"))
        .isEqualTo(1);

    // The position stays deposited: the watcher test's price drop (CollateralFlowTest) liquidates it with its own.
  }

  @Test
  void a_borrower_sees_only_their_own_and_a_used_or_unknown_link_says_so_in_words() {
    String other = submit("someone-else-" + UUID.randomUUID(), "111-11-1111");
    signIn(page, "ada");
    page.waitForURL(url("/me"));
    assertThat(page.navigate(url("/me/applications/" + other)).status()).isEqualTo(404);
    assertThat(page.locator("h1")).hasText("Not found");

    assertThat(page.navigate(url("/apply/" + "A".repeat(43))).status()).isEqualTo(404);
    assertThat(page.locator("h1")).hasText("This link is not valid");
    // A staff page is not a borrower's.
    assertThat(page.navigate(url("/console/workflows")).status()).isEqualTo(403);
    // And without a session the borrower's pages send you to sign in.
    Page anonymous = secondPage();
    anonymous.navigate(url("/me"));
    assertThat(anonymous).hasURL(url("/console/login"));
  }
}
