package dev.tranche.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-ins speak HTTP as documented: personas, idempotency, signed webhooks, knobs. */
class SandboxServerTest {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SandboxServer sandbox = SandboxServer.start(0, null, "secret");

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void personas_answer_as_documented() throws Exception {
    assertThat(json.readTree(post("/bureau/v1/soft-pulls", "{\"ssn\":\"333-33-3333\"}", null).body())
        .path("publicRecords").path("bankruptcyWithin7Years").asBoolean()).isTrue();
    assertThat(json.readTree(post("/kyc/v1/verifications", "{\"ssn\":\"444-44-4444\",\"lastName\":\"X\"}", null)
        .body()).path("sanctions").path("hit").asBoolean()).isTrue();
    assertThat(post("/kyc/v1/verifications", "{\"ssn\":\"666-66-6666\",\"lastName\":\"X\"}", null).statusCode())
        .isEqualTo(404);
    JsonNode any = json.readTree(post("/bureau/v1/soft-pulls", "{\"ssn\":\"123-45-6789\"}", null).body());
    JsonNode again = json.readTree(post("/bureau/v1/soft-pulls", "{\"ssn\":\"123-45-6789\"}", null).body());
    assertThat(any.path("score").asInt()).isBetween(640, 820).isEqualTo(again.path("score").asInt());
  }

  @Test
  void the_lender_is_idempotent_and_calls_back_with_a_valid_signature() throws Exception {
    BlockingQueue<String[]> received = new ArrayBlockingQueue<>(4);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Lender-Timestamp"),
          exchange.getRequestHeaders().getFirst("X-Lender-Signature"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    try {
      sandbox.lenderCallback("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "secret");
      String body = "{\"reference\":\"ref-1\",\"amount\":\"100.00\",\"borrower\":{\"ssn\":\"111-11-1111\"}}";
      String first = json.readTree(post("/lender/v1/loans", body, "k-1").body()).path("lenderLoanId").asText();
      String second = json.readTree(post("/lender/v1/loans", body, "k-1").body()).path("lenderLoanId").asText();
      assertThat(second).isEqualTo(first);
      assertThat(post("/lender/v1/loans/" + first + "/disbursements", "{}", "d-1").statusCode()).isEqualTo(202);
      assertThat(post("/lender/v1/loans/" + first + "/disbursements", "{}", "d-1").statusCode()).isEqualTo(202);

      String[] webhook = received.poll(5, TimeUnit.SECONDS);
      assertThat(webhook).isNotNull();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal((webhook[0] + "." + webhook[2])
          .getBytes(StandardCharsets.UTF_8)));
      assertThat(webhook[1]).isEqualTo(expected);
      assertThat(json.readTree(webhook[2]).path("type").asText()).isEqualTo("loan.funded");
      assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("one webhook per disbursement").isNull();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void the_error_knob_fails_provider_calls_but_not_the_sandbox_endpoints() throws Exception {
    post("/sandbox/knobs", "{\"errorRate\":1.0}", null);
    assertThat(post("/bureau/v1/soft-pulls", "{\"ssn\":\"111-11-1111\"}", null).statusCode()).isEqualTo(503);
    assertThat(post("/sandbox/knobs", "{\"errorRate\":0}", null).statusCode()).isEqualTo(200);
    assertThat(post("/bureau/v1/soft-pulls", "{\"ssn\":\"111-11-1111\"}", null).statusCode()).isEqualTo(200);
  }

  @Test
  void three_lenders_quote_in_three_wire_formats() throws Exception {
    JsonNode northwind = json.readTree(post("/northwind/v2/quotes",
        "{\"application_ref\":\"a1\",\"amount_cents\":1000000,\"currency\":\"USD\",\"credit_tier\":\"A\"}", null).body());
    assertThat(northwind.path("quotes")).hasSize(3);
    assertThat(northwind.path("quotes").get(0).path("apr_bps").asInt()).isEqualTo(799);
    assertThat(northwind.path("quotes").get(0).path("origination_fee_cents").asLong()).isEqualTo(10000);

    JsonNode blue = json.readTree(post("/bluebank/api/v1/offers",
        "{\"reference\":\"a1\",\"requestedAmount\":\"10000.00\",\"riskGrade\":\"B\"}", null).body());
    assertThat(blue.path("decision").asText()).isEqualTo("APPROVED");
    assertThat(blue.path("offers").get(0).path("interestRate").asText()).isEqualTo("13.49");
    assertThat(json.readTree(post("/bluebank/api/v1/offers",
        "{\"reference\":\"a1\",\"requestedAmount\":\"10000.00\",\"riskGrade\":\"C\"}", null).body())
        .path("decision").asText()).isEqualTo("DECLINED");

    HttpResponse<String> cedar = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/cedar/quote"))
        .header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString(
            "<QuoteRequest><Reference>a1</Reference><Amount currency=\"USD\">10000.00</Amount><Grade>A</Grade></QuoteRequest>"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(cedar.headers().firstValue("Content-Type")).hasValue("application/xml");
    assertThat(cedar.body()).contains("<RatePercent>7.25</RatePercent>").contains("<FeePercent>4.00</FeePercent>");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/cedar/quote"))
        .POST(HttpRequest.BodyPublishers.ofString("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
  }

  @Test
  void each_lender_has_its_own_knobs_and_counts_requests() throws Exception {
    post("/sandbox/lenders/bluebank/knobs", "{\"errorRate\":1.0}", null);
    assertThat(post("/bluebank/api/v1/offers", "{\"requestedAmount\":\"100.00\",\"riskGrade\":\"A\"}", null)
        .statusCode()).isEqualTo(500);
    assertThat(post("/northwind/v2/quotes", "{\"amount_cents\":1000000,\"credit_tier\":\"A\"}", null)
        .statusCode()).isEqualTo(200);
    assertThat(json.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
        + "/sandbox/lenders/bluebank/stats")).build(), HttpResponse.BodyHandlers.ofString()).body())
        .path("quoteRequests").asLong()).isEqualTo(1);
  }

  @Test
  void the_crm_records_each_idempotent_writeback_once() throws Exception {
    HttpRequest.Builder writeback = HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
            + "/crm/v1/jobs/J-1/financing-status"))
        .header("Authorization", "Bearer crm-token").header("Content-Type", "application/json")
        .header("Idempotency-Key", "app-1:SUBMITTED")
        .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"SUBMITTED\"}"));
    post("/sandbox/crm/knobs", "{\"writebackFailures\":1}", null);
    assertThat(http.send(writeback.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    assertThat(http.send(writeback.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(http.send(writeback.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    JsonNode job = json.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
        + "/sandbox/crm/jobs/J-1")).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(job.path("statuses").toString()).isEqualTo("[\"SUBMITTED\"]");
    assertThat(job.path("deliveries").asInt()).isEqualTo(2);

    String body = "{\"id\":\"evt-1\",\"type\":\"credit.application.submitted\",\"data\":{\"applicationId\":\"a\"}}";
    String ts = "1700000000";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("dev-partner-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String good = "v1=" + HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
    HttpRequest.Builder event = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v1/webhooks/tranche"))
        .header("X-Tranche-Timestamp", ts).POST(HttpRequest.BodyPublishers.ofString(body));
    assertThat(http.send(event.copy().header("X-Tranche-Signature", "v1=00").build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(http.send(event.copy().header("X-Tranche-Signature", good).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }
}
