package dev.tranche.api.fullstack;

import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.TestInfrastructure;
import dev.tranche.sandbox.SandboxServer;
import dev.tranche.temporal.EmbeddedTemporal;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The embedded stack for full-stack tests, once per JVM: the Temporal dev server on a real gRPC
 * port, real PostgreSQL and Redis, the sandbox over HTTP. Servers stop from shutdown hooks, after
 * Spring's cached contexts have stopped polling.
 */
final class FullStack {

  static final String WEBHOOK_SECRET = "test-lender-webhook-secret";
  private static EmbeddedTemporal temporal;

  private FullStack() {
  }

  static synchronized EmbeddedTemporal temporal() {
    if (temporal == null) {
      temporal = EmbeddedTemporal.start(0);
      Runtime.getRuntime().addShutdownHook(new Thread(temporal::close));
    }
    return temporal;
  }

  static SandboxServer sandbox() {
    return ActivitiesIntegrationTest.Sandbox.shared();
  }

  static void register(DynamicPropertyRegistry registry) {
    var db = TestInfrastructure.database();
    String redis = TestInfrastructure.redisUrl();
    registry.add("spring.datasource.url", db::jdbcUrl);
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
    registry.add("tranche.redis.url", () -> redis);
    registry.add("spring.temporal.connection.target", () -> temporal().target());
    for (String provider : new String[] {"kyc-url", "bureau-url", "bank-data-url", "lender-url"}) {
      registry.add("tranche.providers." + provider, () -> sandbox().baseUrl());
    }
    registry.add("tranche.twilio.api-host", () -> sandbox().baseUrl());
    registry.add("tranche.webhooks.lenders.sandbox-lender", () -> WEBHOOK_SECRET);
    registry.add("tranche.rate-limit.per-minute", () -> "100000");
    registry.add("tranche.origination.funding-webhook-wait-seconds", () -> "30");
    registry.add("tranche.origination.funding-poll-interval-seconds", () -> "1");
  }
}
