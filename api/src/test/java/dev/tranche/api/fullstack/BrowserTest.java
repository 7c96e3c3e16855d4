package dev.tranche.api.fullstack;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Full-stack tests in a real browser: Playwright driving Debian's Chromium ({@code /usr/bin/chromium}, or
 * {@code TRANCHE_CHROMIUM}). Each test fails on any JavaScript error the page raised and on any script,
 * style or image that did not load; {@link #screenshot} saves pages under {@code target/console/}.
 */
abstract class BrowserTest extends FullStackTest {

  static Playwright playwright;
  static Browser browser;
  Page page;
  private final List<String> scriptErrors = new ArrayList<>();
  private final List<String> failedResources = new ArrayList<>();
  private final List<com.microsoft.playwright.BrowserContext> others = new ArrayList<>();

  @BeforeAll
  static void chromium() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    String executable = System.getenv().getOrDefault("TRANCHE_CHROMIUM", "/usr/bin/chromium");
    assertThat(Path.of(executable)).as("Chromium for the browser tests: sudo apt-get install -y chromium, or name "
        + "another binary with TRANCHE_CHROMIUM").isExecutable();
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
        .setExecutablePath(Path.of(executable))
        // No sandbox as root in CI; no background traffic to hosts this machine cannot reach.
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  /** axe-core, installed by the admin console's build (npm ci) when tests run. */
  static final Path AXE = Path.of("..", "admin-console", "node_modules", "axe-core", "axe.min.js");

  /**
   * Runs axe-core's WCAG 2 A and AA rules (labels, names, contrast, landmarks, ARIA use) on the page as it
   * stands: none may be violated.
   */
  static void accessible(Page on) {
    assertThat(AXE).as("axe-core (mvn builds admin-console with npm ci when tests run)").exists();
    on.addScriptTag(new Page.AddScriptTagOptions().setPath(AXE));
    Object violations = on.evaluate("""
        async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))
          .violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""");
    assertThat((List<?>) violations).as("WCAG 2 A/AA violations on " + on.url()).isEmpty();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void newPage() {
    page = browser.newContext().newPage();
    page.onPageError(error -> scriptErrors.add(error));
    page.onConsoleMessage(message -> {
      // A failed load is reported below with its URL; a page's own status is asserted by each test.
      if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
        scriptErrors.add(message.text());
      }
    });
    page.onResponse(response -> {
      if (response.status() >= 400 && !response.request().isNavigationRequest()) {
        failedResources.add(response.status() + " " + response.url());
      }
    });
  }

  @AfterEach
  void noScriptErrors() {
    page.context().close();
    others.forEach(com.microsoft.playwright.BrowserContext::close);
    others.clear();
    assertThat(scriptErrors).as("JavaScript errors").isEmpty();
    assertThat(failedResources).as("scripts, styles and images that did not load").isEmpty();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  void signIn(String user) {
    signIn(page, user);
    page.waitForURL(url("/console"));
  }

  /** Signs {@code user} in on {@code on} (a borrower lands on {@code /me}, staff on {@code /console}). */
  void signIn(Page on, String user) {
    on.navigate(url("/console/login"));
    on.getByLabel("User name").fill(user);
    on.getByLabel("Password").fill("demo");
    on.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Sign in")).click();
    on.waitForLoadState();
  }

  /** On an open review page: claim it and approve it with a reason code. */
  static void claimAndApprove(Page on) {
    on.locator("#claim").click();
    assertThat(on.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).hasText("Claimed.");
    on.getByLabel("Reason code for an approval (e.g. VERIFIED_INCOME)").fill("VERIFIED_INCOME");
    on.locator("#decide").click();
    assertThat(on.getByRole(com.microsoft.playwright.options.AriaRole.STATUS))
        .hasText("Decision recorded: APPROVE.");
  }

  /** A second page in its own browser context (its own session), watched for errors like the first. */
  Page secondPage() {
    com.microsoft.playwright.BrowserContext context = browser.newContext();
    others.add(context);
    Page other = context.newPage();
    other.onPageError(error -> scriptErrors.add(error));
    other.onResponse(response -> {
      if (response.status() >= 400 && !response.request().isNavigationRequest()) {
        failedResources.add(response.status() + " " + response.url());
      }
    });
    return other;
  }

  void screenshot(String name) throws Exception {
    Path file = Path.of("target", "console", name + ".png");
    Files.createDirectories(file.getParent());
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
  }

}
