package dev.tranche.activities.testsupport;

import dev.tranche.sandbox.SandboxServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the activities' integration tests: real PostgreSQL, the sandbox over real HTTP. */
@SpringBootTest(classes = ActivitiesTestApplication.class)
public abstract class ActivitiesIntegrationTest {

  protected static final SandboxServer SANDBOX = Sandbox.shared();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    var db = TestInfrastructure.database();
    registry.add("spring.datasource.url", db::jdbcUrl);
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
    for (String provider : new String[] {"kyc-url", "bureau-url", "bank-data-url", "lender-url"}) {
      registry.add("tranche.providers." + provider, SANDBOX::baseUrl);
    }
    registry.add("tranche.providers.connect-timeout-millis", () -> "2000");
    registry.add("tranche.providers.read-timeout-millis", () -> "5000");
    registry.add("tranche.twilio.account-sid", () -> "AC00000000000000000000000000000000");
    registry.add("tranche.twilio.auth-token", () -> "test-token");
    registry.add("tranche.twilio.from-number", () -> "+15005550006");
    registry.add("tranche.twilio.api-host", SANDBOX::baseUrl);
    registry.add("tranche.pii.key-id", () -> "pii-test");
    registry.add("tranche.pii.key", () -> "dGVzdC1vbmx5LXBpaS1rZXktMzItYnl0ZXMtbG9uZyE=");
    registry.add("tranche.redis.url", TestInfrastructure::redisUrl);
    registry.add("tranche.marketplace.quote-timeout-millis", () -> "1500");
    registry.add("tranche.marketplace.breaker.failure-threshold", () -> "3");
    registry.add("tranche.marketplace.breaker.window-seconds", () -> "60");
    registry.add("tranche.marketplace.breaker.cool-down-seconds", () -> "2");
    String[][] lenders = {{"northwind", "json-cents"}, {"bluebank", "json-decimal-strings"}, {"cedar", "xml"}};
    for (String[] lender : lenders) {
      registry.add("tranche.marketplace.lenders." + lender[0] + ".url", SANDBOX::baseUrl);
      registry.add("tranche.marketplace.lenders." + lender[0] + ".format", () -> lender[1]);
      registry.add("tranche.marketplace.lenders." + lender[0] + ".funding-url",
          () -> SANDBOX.baseUrl() + "/lenders/" + lender[0]);
    }
    registry.add("tranche.partners.link-base-url", () -> "https://apply.example.test");
    registry.add("tranche.servicing.rail-url", SANDBOX::baseUrl);
    registry.add("tranche.servicing.agency-url", SANDBOX::baseUrl);
    registry.add("tranche.bnpl.kyb-url", SANDBOX::baseUrl);
    registry.add("tranche.bnpl.checkout-base-url", () -> "https://pay.example.test");
    registry.add("tranche.bnpl.shopper-limit", () -> "5000.00");
    registry.add("tranche.bnpl.rate-per-minute", () -> "300");
    registry.add("tranche.bnpl.key-rotation-grace-hours", () -> "24");
    // PoolFundedBillsTest's LP-token vault.
    registry.add("tranche.bnpl.collateral-chain", () -> "pooltestlp");
  }

  /** One sandbox per JVM, stopped when the JVM exits. */
  public static final class Sandbox {
    private static SandboxServer shared;

    public static synchronized SandboxServer shared() {
      if (shared == null) {
        shared = SandboxServer.start(0, null, "test-lender-webhook-secret");
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
      }
      return shared;
    }

    private Sandbox() {
    }
  }
}
