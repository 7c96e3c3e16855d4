package dev.tranche.api.fullstack;

import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.TestInfrastructure;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
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
  private static AnvilNode anvil;
  private static Chain chain;
  private static LocalDeployment contracts;

  private FullStack() {
  }

  static synchronized EmbeddedTemporal temporal() {
    if (temporal == null) {
      temporal = EmbeddedTemporal.start(0);
      Runtime.getRuntime().addShutdownHook(new Thread(temporal::close));
    }
    return temporal;
  }

  /** anvil with the contracts deployed, once per JVM, wired in as chain {@code local}. */
  static synchronized LocalDeployment contracts() {
    if (contracts == null) {
      anvil = AnvilNode.start(31337, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(anvil::close));
      chain = new Chain(anvil.rpcUrl());
      contracts = LocalDeployment.deploy(chain, chain.fundedAccount(), 2000);
    }
    return contracts;
  }

  static Chain chain() {
    contracts();
    return chain;
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
    // A lender that stays down is given up on (and its loan cancelled) after 5 s, not the default 24 h.
    registry.add("tranche.origination.funding-retry-seconds", () -> "5");
    // The repair pass looks every 2 s for processes quiet for 3 s whose workflow is gone.
    registry.add("tranche.repair.interval", () -> "PT2S");
    registry.add("tranche.repair.quiet", () -> "PT3S");
    for (String lender : new String[] {"northwind", "bluebank", "cedar"}) {
      registry.add("tranche.marketplace.lenders." + lender + ".url", () -> sandbox().baseUrl());
      registry.add("tranche.marketplace.lenders." + lender + ".funding-url",
          () -> sandbox().baseUrl() + "/lenders/" + lender);
      // Each lender signs its funding webhooks with a secret of its own.
      registry.add("tranche.webhooks.lenders." + lender, () -> WEBHOOK_SECRET + "-" + lender);
    }
    registry.add("tranche.partners.seed.crm-url", () -> sandbox().baseUrl());
    registry.add("tranche.servicing.rail-url", () -> sandbox().baseUrl());
    registry.add("tranche.servicing.agency-url", () -> sandbox().baseUrl());
    registry.add("tranche.bnpl.kyb-url", () -> sandbox().baseUrl());
    registry.add("tranche.partners.seed.webhook-url", () -> sandbox().baseUrl() + "/crm/v1/webhooks/tranche");
    registry.add("tranche.partners.rate-per-minute", () -> "100000");
    contracts().chainProperties("local", anvil.rpcUrl(), chain.chainId()).forEach((key, value) -> registry.add(key,
        () -> value));
    registry.add("tranche.collateral.monitor-interval-seconds", () -> "1");
    registry.add("tranche.metrics.refresh-seconds", () -> "1");
    registry.add("tranche.codec.cors-origins", () -> "http://localhost:8233");
    // The console's OpenID Connect sign-in, against the sandbox's provider.
    registry.add("spring.security.oauth2.client.registration.tranche.client-id", () -> "tranche-console");
    registry.add("spring.security.oauth2.client.registration.tranche.client-secret", () -> "sandbox-client-secret");
    registry.add("spring.security.oauth2.client.registration.tranche.scope", () -> "openid");
    registry.add("spring.security.oauth2.client.provider.tranche.issuer-uri", () -> sandbox().baseUrl() + "/oidc");
    registry.add("tranche.origination.collateral-window-seconds", () -> "15");
  }

  /**
   * Moves the embedded server's clock forward by {@code duration} (its time skipping is otherwise
   * locked to real time): every timer due in that span fires, in every workflow.
   */
  static void skipTime(java.time.Duration duration) {
    io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forTarget(temporal().target()).usePlaintext()
        .build();
    try {
      var skipped = io.temporal.api.testservice.v1.TestServiceGrpc.newFutureStub(channel).unlockTimeSkippingWithSleep(
          io.temporal.api.testservice.v1.SleepRequest.newBuilder()
              .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds())).build());
      try {
        skipped.get(100, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException overran) {
        throw new AssertionError("the server's clock did not move " + duration + " in 100 s (within the test's 5 minutes): "
            + BusyServer.report(java.time.Duration.ofSeconds(10)));
      } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    } finally {
      channel.shutdownNow();
    }
  }
}
