package dev.tranche.platform;

import dev.tranche.activities.infra.LocalInfrastructure;
import dev.tranche.api.TrancheApiApplication;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.sandbox.SandboxServer;
import org.web3j.crypto.Credentials;
import dev.tranche.temporal.EmbeddedTemporal;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default, in one JVM: the Temporal dev server on a real gRPC port, PostgreSQL and
 * Redis (given by the environment, else embedded), the sandbox providers, the workers and the API.
 * Ctrl-C stops them in order: API and workers first, then the servers they depend on.
 */
public final class TranchePlatform {

  private TranchePlatform() {
  }

  public static void main(String[] args) {
    if ("false".equalsIgnoreCase(System.getenv("TRANCHE_EMBEDDED"))) {
      // A separate API process against a given Temporal, PostgreSQL and Redis; workers run elsewhere.
      TrancheApiApplication.main(args);
      return;
    }
    try {
      run(args);
    } catch (RuntimeException e) {
      // Embedded servers run non-daemon threads: without an explicit exit a failed start would hang.
      e.printStackTrace();
      System.err.println("Tranche did not start: " + e.getMessage());
      LocalInfrastructure.stopAll();
      System.exit(1);
    }
  }

  private static void run(String[] given) {
    long started = System.nanoTime();
    boolean fresh = java.util.Arrays.asList(given).contains("--fresh") || "true".equalsIgnoreCase(env("TRANCHE_FRESH",
        "false"));
    String[] args = java.util.Arrays.stream(given).filter(a -> !a.equals("--fresh")).toArray(String[]::new);
    LocalInfrastructure.stopOnExit(false);
    // The system of record survives a restart: Temporal does not (the dev server keeps nothing), and the
    // repair pass restarts every process PostgreSQL says is in progress.
    java.nio.file.Path dataDir = java.nio.file.Path.of(env("TRANCHE_DATA_DIR", ".tranche/postgres")).toAbsolutePath();
    if (System.getenv("TRANCHE_DB_URL") == null) {
      LocalInfrastructure.persistAt(dataDir, fresh);
    }
    int temporalPort = Integer.parseInt(env("TEMPORAL_PORT", "7233"));
    EmbeddedTemporal temporal = System.getenv("TEMPORAL_ADDRESS") == null ? EmbeddedTemporal.start(temporalPort) : null;
    String temporalTarget = temporal == null ? System.getenv("TEMPORAL_ADDRESS") : temporal.target();
    var database = LocalInfrastructure.database();
    String redis = LocalInfrastructure.redisUrl();
    String webhookSecret = env("TRANCHE_LENDER_WEBHOOK_SECRET", "dev-lender-webhook-secret");
    // TRANCHE_SANDBOX_URL: providers that outlive this process (the fault suite's), instead of our own sandbox.
    String externalSandbox = System.getenv("TRANCHE_SANDBOX_URL");
    SandboxServer sandbox = externalSandbox == null
        ? SandboxServer.start(Integer.parseInt(env("SANDBOX_PORT", "8090")), null, webhookSecret) : null;
    String providers = sandbox == null ? externalSandbox : sandbox.baseUrl();

    System.setProperty("spring.datasource.url", database.jdbcUrl());
    System.setProperty("spring.datasource.username", database.username());
    System.setProperty("spring.datasource.password", database.password());
    System.setProperty("tranche.redis.url", redis);
    System.setProperty("spring.temporal.connection.target", temporalTarget);
    for (String provider : new String[] {"kyc-url", "bureau-url", "bank-data-url", "lender-url"}) {
      System.setProperty("tranche.providers." + provider, providers);
    }
    System.setProperty("tranche.twilio.api-host", providers);
    for (String lender : new String[] {"northwind", "bluebank", "cedar"}) {
      System.setProperty("tranche.marketplace.lenders." + lender + ".url", providers);
      System.setProperty("tranche.marketplace.lenders." + lender + ".funding-url",
          providers + "/lenders/" + lender);
    }
    System.setProperty("tranche.partners.seed.crm-url", providers);
    System.setProperty("tranche.servicing.rail-url", providers);
    System.setProperty("tranche.servicing.agency-url", providers);
    System.setProperty("tranche.bnpl.kyb-url", providers);
    System.setProperty("tranche.partners.seed.webhook-url", providers + "/crm/v1/webhooks/tranche");

    String chainLine = localChain();
    LocalInfrastructure.stopChildrenWhenKilled();

    SpringApplication app = new SpringApplication(TrancheApiApplication.class);
    // TRANCHE_WORKERS=false: the workers run as processes of their own against this platform's servers.
    boolean workersHere = !"false".equalsIgnoreCase(env("TRANCHE_WORKERS", "true"));
    if (!workersHere) {
      app.setAdditionalProfiles("embedded");
    } else {
      app.setAdditionalProfiles("embedded", "workers");
    }
    app.setRegisterShutdownHook(false);
    ConfigurableApplicationContext context = app.run(args);
    String port = context.getEnvironment().getProperty("local.server.port", "8080");
    String api = "http://127.0.0.1:" + port;
    if (sandbox != null) {
      sandbox.lenderCallback(api + "/api/v1/webhooks/lenders/sandbox-lender", webhookSecret);
      sandbox.paymentsCallback(api + "/api/v1/webhooks/payments",
          context.getEnvironment().getProperty("tranche.webhooks.payments"));
    }

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.close();
      if (sandbox != null) {
        sandbox.close();
      }
      if (temporal != null) {
        temporal.close();
      }
      LocalInfrastructure.stopAll();
    }, "tranche-platform-stop"));

    System.out.printf("""

        Tranche is up in %.1f s (embedded default)
          Console          %s/console   (sign in as uw-1, uw-2, senior-1, ops-1, scheduler-1 or admin-1; password demo)
          Borrower pages   %s/me   (sign in as ada, password demo; a partner's texted link opens %s/apply/<token>)
          API              %s/api/v1   (docs: %s/swagger-ui.html, OpenAPI: %s/v3/api-docs)
          Dev tokens       POST %s/api/v1/dev/tokens {"subject":"ops-1","roles":["OPS"]}
          Demo partner     acme-crm, X-Api-Key: %s
          Demo portfolio   POST %s/api/v1/dev/portfolio {"loans":50} (OPS), then move the clock on the console
          Temporal         %s  namespace default
          PostgreSQL       %s  (data: %s; ./tranche --fresh starts empty)
          Redis            %s
          Sandbox          %s  (knobs: POST %s/sandbox/knobs, lenders: POST /sandbox/lenders/{name}/knobs)
          Local chain      %s
          Workers          %s
        Ctrl-C stops everything.
        %n""", (System.nanoTime() - started) / 1e9, api, api, api, api, api, api, api,
        context.getEnvironment().getProperty("tranche.partners.seed.api-key"), api, temporalTarget,
        database.jdbcUrl(), System.getenv("TRANCHE_DB_URL") == null ? dataDir : "the given server", redis,
        providers, providers, chainLine, workersHere ? "in this process"
            : "none here (TRANCHE_WORKERS=false): start them with SPRING_PROFILES_ACTIVE=development-secrets"
                + " TRANCHE_WORKFLOW_CACHE_SIZE=0"
                + " TRANCHE_REPAIR_LOST_TASK_AFTER=60s against this server");
  }

  /**
   * Starts anvil (installed by the build under contracts/node_modules), deploys the vault, the price
   * feeds and the tokens, and configures them as chain {@code local}. Without Node the platform runs
   * without a chain, and says so.
   */
  private static String localChain() {
    try {
      AnvilNode anvil = AnvilNode.start(31337, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(anvil::close, "tranche-anvil-stop"));
      Chain chain = new Chain(anvil.rpcUrl());
      Credentials operator = chain.fundedAccount();
      LocalDeployment contracts = LocalDeployment.deploy(chain, operator, 2000);
      contracts.chainProperties("local", anvil.rpcUrl(), chain.chainId()).forEach(System::setProperty);
      return anvil.rpcUrl() + " chain id " + chain.chainId() + ", vault " + contracts.vault().getContractAddress()
          + ", feed " + contracts.feed().getContractAddress() + ", reference feed "
          + contracts.reference().getContractAddress() + ", collateral token "
          + contracts.collateral().getContractAddress() + ", stablecoin " + contracts.stablecoin().getContractAddress();
    } catch (RuntimeException e) {
      return "not started (" + e.getMessage() + ")";
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
