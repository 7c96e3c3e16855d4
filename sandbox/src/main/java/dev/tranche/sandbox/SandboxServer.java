package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every external provider's stand-in in one HTTP server: KYC/sanctions, credit bureau, bank data,
 * a lender's loan API, three marketplace lenders' quote APIs, a CRM, Twilio's Messages API, a payment rail, a
 * collection agency, an OpenID Connect provider, a KYB provider and a merchant's shop backend. It shares no
 * code with Tranche: it is a stranger that happens to be local. Run it alone with
 * {@code java -cp … dev.tranche.sandbox.SandboxServer [port]}.
 */
public final class SandboxServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);

  private final Knobs knobs = new Knobs();
  private final LenderSandbox lender;
  private final CrmSandbox crm;
  private final List<Route> routes = new ArrayList<>();
  private final PaymentRail rail = new PaymentRail();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private SandboxServer(String host, int port, String lenderCallbackUrl, String lenderWebhookSecret)
      throws IOException {
    lender = new LenderSandbox(knobs, lenderCallbackUrl, lenderWebhookSecret);
    routes.addAll(new IdentityProviders().routes());
    routes.addAll(lender.routes());
    routes.addAll(new TwilioSandbox().routes());
    routes.addAll(new MarketplaceLenders().routes());
    crm = new CrmSandbox(System.getenv().getOrDefault("SANDBOX_PARTNER_WEBHOOK_SECRET", "dev-partner-webhook-secret"));
    routes.addAll(crm.routes());
    routes.addAll(rail.routes());
    routes.addAll(new CollectionAgency().routes());
    routes.addAll(new KybProvider().routes());
    routes.addAll(new MerchantShop(System.getenv().getOrDefault("SANDBOX_MERCHANT_WEBHOOK_SECRET",
        "dev-merchant-webhook-secret")).routes());
    // The issuer is this server's own URL (SANDBOX_PUBLIC_URL where others reach it by another name).
    routes.addAll(new OidcProvider(() -> System.getenv().getOrDefault("SANDBOX_PUBLIC_URL", baseUrl())).routes());
    routes.add(Route.of("POST", "/sandbox/knobs", (ex, m) -> setKnobs(ex)));
    routes.add(Route.of("GET", "/sandbox/traces/([0-9a-f]{32})",
        (ex, m) -> Exchanges.json(ex, 200, Map.of("calls", traced.getOrDefault(m.group(1), List.of())))));
    // For a container's health check: the sandbox answers.
    routes.add(Route.of("GET", "/sandbox/health", (ex, m) -> Exchanges.json(ex, 200, Map.of("status", "UP"))));
    server = HttpServer.create(new InetSocketAddress(host, port), 128);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /** Starts a sandbox on loopback, on {@code port} (0 picks a free one). */
  public static SandboxServer start(int port, String lenderCallbackUrl, String lenderWebhookSecret) {
    return start("127.0.0.1", port, lenderCallbackUrl, lenderWebhookSecret);
  }

  /** Starts a sandbox bound to {@code host} (use 0.0.0.0 inside a container). */
  public static SandboxServer start(String host, int port, String lenderCallbackUrl, String lenderWebhookSecret) {
    try {
      SandboxServer sandbox = new SandboxServer(host, port, lenderCallbackUrl, lenderWebhookSecret);
      sandbox.server.start();
      log.info("sandbox providers listening on {}", sandbox.baseUrl());
      return sandbox;
    } catch (IOException e) {
      throw new IllegalStateException("sandbox could not bind port " + port, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Where the lenders send their signed webhooks, set once the API's port is known: {@code url} is
   * {@code sandbox-lender}'s; every other lender's replaces its last segment with the lender's name.
   * {@code secret} signs for every lender without a secret of its own.
   */
  public void lenderCallback(String url, String secret) {
    lender.callbackUrl = url;
    lender.webhookSecret = secret;
  }

  /** The secret {@code lenderName} signs its funding webhooks with. */
  public void lenderSecret(String lenderName, String secret) {
    lender.secret(lenderName, secret);
  }

  /** Where the payment rail reports borrowers' own transfers (Tranche's payments webhook), and its secret. */
  public void paymentsCallback(String url, String secret) {
    rail.paymentsCallbackUrl = url;
    rail.paymentsSecret = secret;
  }

  /** The secret the CRM uses to verify Tranche's partner webhooks. */
  public void partnerWebhookSecret(String secret) {
    crm.webhookSecret = secret;
  }

  /** The calls received under each W3C trace (its traceparent header): what a caller's trace reached here. */
  private final Map<String, List<String>> traced = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
          return size() > 1000;
        }
      });

  private void remember(HttpExchange exchange, String path) {
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    if (traceparent != null && traceparent.split("-").length == 4) {
      traced.computeIfAbsent(traceparent.split("-")[1], t -> new CopyOnWriteArrayList<>())
          .add(exchange.getRequestMethod() + " " + path);
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      remember(exchange, path);
      for (Route route : routes) {
        Matcher match = route.path().matcher(path);
        if (route.method().equals(exchange.getRequestMethod()) && match.matches()) {
          if (!path.startsWith("/sandbox/") && knobs.delayAndMaybeFail()) {
            Exchanges.error(exchange, 503, "injected_failure");
            return;
          }
          route.handler().handle(exchange, match);
          return;
        }
      }
      Exchanges.error(exchange, 404, "no_such_endpoint");
    } catch (RuntimeException e) {
      log.warn("sandbox handler failed for {}", exchange.getRequestURI(), e);
      Exchanges.error(exchange, 500, "sandbox_error");
    }
  }

  private void setKnobs(HttpExchange exchange) throws IOException {
    JsonNode body = Exchanges.jsonBody(exchange);
    if (body.has("latencyMillis")) {
      knobs.latencyMillis = body.get("latencyMillis").asLong();
    }
    if (body.has("errorRate")) {
      knobs.errorRate = body.get("errorRate").asDouble();
    }
    if (body.has("webhookDelayMillis")) {
      knobs.webhookDelayMillis = body.get("webhookDelayMillis").asLong();
    }
    if (body.has("webhookEnabled")) {
      knobs.webhookEnabled = body.get("webhookEnabled").asBoolean();
    }
    Exchanges.json(exchange, 200, Map.of("latencyMillis", knobs.latencyMillis, "errorRate", knobs.errorRate,
        "webhookDelayMillis", knobs.webhookDelayMillis, "webhookEnabled", knobs.webhookEnabled));
  }

  @Override
  public void close() {
    server.stop(0);
    lender.close();
    executor.shutdownNow();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    String callback = System.getenv().getOrDefault("SANDBOX_LENDER_CALLBACK_URL",
        "http://127.0.0.1:8080/api/v1/webhooks/lenders/sandbox-lender");
    String secret = System.getenv().getOrDefault("SANDBOX_LENDER_WEBHOOK_SECRET", "dev-lender-webhook-secret");
    SandboxServer sandbox = start(System.getenv().getOrDefault("SANDBOX_BIND", "127.0.0.1"), port, callback, secret);
    sandbox.paymentsCallback(System.getenv().getOrDefault("SANDBOX_PAYMENTS_CALLBACK_URL",
        "http://127.0.0.1:8080/api/v1/webhooks/payments"),
        System.getenv().getOrDefault("SANDBOX_PAYMENTS_WEBHOOK_SECRET", "dev-payments-webhook-secret"));
    // SANDBOX_LENDER_WEBHOOK_SECRET_NORTHWIND=… gives northwind a secret of its own.
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("SANDBOX_LENDER_WEBHOOK_SECRET_")) {
        sandbox.lenderSecret(name.substring(30).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), value);
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
    Thread.currentThread().join();
  }
}
