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
}
