package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.api.TrancheApiApplication;
import dev.tranche.api.security.TokenIssuer;
import dev.tranche.contracts.generated.LiquidityPool;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import tools.jackson.databind.JsonNode;

/** Base of the full-stack tests: the whole platform in one JVM, driven over real HTTP. */
@SpringBootTest(classes = TrancheApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "logging.file.name=target/fullstack.log")
@ActiveProfiles({"embedded", "workers"})
abstract class FullStackTest {

  static final Pattern LINK = Pattern.compile("/apply/([A-Za-z0-9_-]{20,})");

  @LocalServerPort int port;
  @Autowired TokenIssuer tokens;
  @Autowired JdbcClient jdbc;
  Http http;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    FullStack.register(registry);
  }

  @BeforeEach
  void wire() {
    http = new Http("http://127.0.0.1:" + port);
    FullStack.sandbox().lenderCallback("http://127.0.0.1:" + port + "/api/v1/webhooks/lenders/sandbox-lender",
        FullStack.WEBHOOK_SECRET);
    FullStack.sandbox().paymentsCallback("http://127.0.0.1:" + port + "/api/v1/webhooks/payments",
        ServicingFlowTest.PAYMENTS_SECRET);
    for (String lender : new String[] {"northwind", "bluebank", "cedar"}) {
      FullStack.sandbox().lenderSecret(lender, FullStack.WEBHOOK_SECRET + "-" + lender);
    }
  }

  String token(String subject, String... roles) {
    return tokens.issue(subject, List.of(roles), Duration.ofHours(1));
  }

  /** Submits a borrower's application with an Idempotency-Key; returns its id. */
  String submit(String borrower, String ssn) {
    return submit(borrower, ssn, "12000.00");
  }

  String submit(String borrower, String ssn, String amount) {
    Map<String, Object> body = application(ssn);
    body.put("requestedAmount", Map.of("amount", new java.math.BigDecimal(amount), "currency", "USD"));
    var response = http.post("/api/v1/applications", token(borrower, "BORROWER"), body,
        Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
    assertThat(response.status()).as(response.text()).isEqualTo(202);
    assertThat(response.header("Location")).startsWith("/api/v1/applications/");
    return response.json().path("applicationId").asString();
  }

  /** Creates a CRM partner through the admin API whose CRM is the sandbox; returns its API key. */
  String createPartner(String partnerId) {
    String sandbox = FullStack.sandbox().baseUrl();
    var created = http.post("/api/v1/admin/partners", token("admin-1", "ADMIN"), Map.of("id", partnerId,
        "name", "Acme Pest Control " + partnerId, "crmBaseUrl", sandbox, "crmToken", "crm-api-token-123",
        "webhookUrl", sandbox + "/crm/v1/webhooks/tranche", "webhookSecret", "dev-partner-webhook-secret"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("apiKey").asString();
  }

  /**
   * Onboards a merchant through the admin API whose shop backend is the sandbox's (KYB passes); returns its API
   * key. {@code ratePerMinute} null takes the default.
   */
  String createMerchant(String merchantId, Integer ratePerMinute) {
    String sandbox = FullStack.sandbox().baseUrl();
    Map<String, Object> body = new LinkedHashMap<>(Map.of("id", merchantId, "name", "Shop " + merchantId,
        "legalName", "Shop " + merchantId + " LLC", "taxId", "12-3456789", "country", "US",
        "webhookUrl", sandbox + "/shop/v1/webhooks/" + merchantId, "webhookSecret", "dev-merchant-webhook-secret",
        "settlementAccount", "000123456789"));
    if (ratePerMinute != null) {
      body.put("ratePerMinute", ratePerMinute);
    }
    var created = http.post("/api/v1/admin/merchants", token("admin-1", "ADMIN"), body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("apiKey").asString();
  }

  String createMerchant(String merchantId) {
    return createMerchant(merchantId, null);
  }

  static Map<String, Object> financingOffer(String customerId, String phone, String jobId, String amount) {
    return Map.of("crmCustomerId", customerId,
        "customer", Map.of("firstName", "Ada", "lastName", "Prime", "email", "ada@example.com", "phone", phone),
        "job", Map.of("id", jobId, "description", "termite treatment, 3 rooms",
            "estimate", Map.of("amount", new java.math.BigDecimal(amount), "currency", "USD")));
  }

  /** A prime borrower's loan, applied for, accepted and funded over HTTP; returns the loan id. */
  String fundedLoan(String borrower) {
    String id = submit(borrower, "111-11-1111");
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("OFFERED"));
    String offerId = http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").get(0)
        .path("offerId").asString();
    assertThat(http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offerId, "signatureName", "Ada Prime")).status()).isEqualTo(200);
    JsonNode funded = awaitApplication(id, token, status("FUNDED", "FAILED"));
    assertThat(funded.path("status").asString()).isEqualTo("FUNDED");
    return funded.path("loanId").asString();
  }

  /** Waits until the review queue shows the application. */
  void awaitReview(String id, String underwriterToken) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!http.get("/api/v1/reviews", underwriterToken).text().contains(id) && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    assertThat(http.get("/api/v1/reviews", underwriterToken).text()).contains(id);
  }

  static Map<String, Object> application(String ssn) {
    Map<String, Object> applicant = new LinkedHashMap<>();
    applicant.put("firstName", "Ada");
    applicant.put("lastName", "Prime");
    applicant.put("email", "ada@example.com");
    applicant.put("phone", "+14155550100");
    applicant.put("dateOfBirth", LocalDate.of(1985, 4, 12).toString());
    applicant.put("ssn", ssn);
    applicant.put("address", Map.of("line1", "1 Main St", "city", "Austin", "region", "TX", "postalCode", "78701",
        "country", "US"));
    applicant.put("monthlyIncome", 8500.00);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicant", applicant);
    body.put("requestedAmount", Map.of("amount", 12000.00, "currency", "USD"));
    body.put("purpose", "home improvement");
    body.put("consents", Map.of("creditPull", true, "esignDisclosure", true));
    return body;
  }

  JsonNode awaitApplication(String id, String token, Predicate<JsonNode> condition) {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonNode last = null;
    while (System.currentTimeMillis() < deadline) {
      last = http.get("/api/v1/applications/" + id, token).json();
      if (condition.test(last)) {
        return last;
      }
      sleep(50);
    }
    throw new AssertionError("application " + id + " did not reach the expected state; last: " + last);
  }

  /** Calls until {@code done} holds (30 s at most); returns the last answer. */
  static Http.Response awaitHttp(java.util.function.Supplier<Http.Response> call, Predicate<Http.Response> done) {
    return awaitHttp(call, done, 30_000);
  }

  /** As above, for up to {@code millis}. */
  static Http.Response awaitHttp(java.util.function.Supplier<Http.Response> call, Predicate<Http.Response> done,
      long millis) {
    long deadline = System.currentTimeMillis() + millis;
    Http.Response last = null;
    while (System.currentTimeMillis() < deadline) {
      last = call.get();
      if (done.test(last)) {
        return last;
      }
      sleep(100);
    }
    throw new AssertionError("not reached; last answer: " + (last == null ? null : last.text()));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Predicate<JsonNode> status(String... statuses) {
    return node -> node != null && List.of(statuses).contains(node.path("status").asString());
  }

  /** A money object's amount ({@code {"amount": "11520.00", "currency": "USD"}}). */
  static java.math.BigDecimal amount(JsonNode money) {
    return new java.math.BigDecimal(money.path("amount").asString());
  }

  long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  /** The token of the one-time link texted to {@code phone} (the page {@code /apply/{token}}). */
  String awaitLinkTextedTo(String phone) {
    String[] token = new String[1];
    awaitHttp(() -> http.get(FullStack.sandbox().baseUrl() + "/sandbox/twilio/messages", null), r -> {
      for (JsonNode message : r.json()) {
        Matcher m = LINK.matcher(message.path("body").asString());
        if (message.path("to").asString().equals(phone) && m.find()) {
          token[0] = m.group(1);
          return true;
        }
      }
      return false;
    });
    return token[0];
  }

  /** Every text the Twilio stand-in has received. */
  String smsSent() {
    return http.get(FullStack.sandbox().baseUrl() + "/sandbox/twilio/messages", null).text();
  }

  static void assertThatProblem(Http.Response response, int status) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("status").asInt()).isEqualTo(status);
  }

  /** The transactions of the pool's Repaid events carrying {@code receipt} (a ledger hash), from the chain alone. */
  static List<String> poolRepaymentsByReceipt(String receipt) throws IOException {
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
        FullStack.contracts().pool().getContractAddress());
    filter.addSingleTopic(EventEncoder.encode(LiquidityPool.REPAID_EVENT));
    filter.addNullTopic();
    filter.addSingleTopic(receipt);
    return FullStack.chain().web3j().ethGetLogs(filter).send().getLogs().stream()
        .map(log -> ((Log) log.get()).getTransactionHash()).toList();
  }
}
