package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import tools.jackson.databind.JsonNode;

/** The signals ops use: readiness, Prometheus with the business figures, and one trace from request to activity. */
class ObservabilityTest extends FullStackTest {

  @Autowired WorkflowClient workflows;

  @Test
  void readiness_covers_postgresql_redis_temporal_and_the_chain() {
    JsonNode readiness = http.get("/actuator/health/readiness", token("ops-1", "OPS")).json();
    assertThat(readiness.path("status").asString()).isEqualTo("UP");
    for (String component : List.of("db", "redis", "temporal", "chains")) {
      assertThat(readiness.path("components").path(component).path("status").asString()).as(component)
          .isEqualTo("UP");
    }
    assertThat(readiness.path("components").path("chains").path("details").path("local").asString())
        .startsWith("block ");
    assertThat(http.get("/actuator/health/liveness", null).json().path("status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheus_exposes_the_worker_and_business_metrics_after_a_full_application() throws Exception {
    fundedLoan("borrower-observed");
    String ops = token("ops-1", "OPS");
    assertThat(http.get("/actuator/prometheus", token("borrower-observed", "BORROWER")).status()).isEqualTo(403);
    String metrics = awaitHttp(() -> http.get("/actuator/prometheus", ops),
        r -> r.text().contains("tranche_applications{") && r.text().contains("status=\"FUNDED\"")).text();
    assertThat(metrics)
        .contains("tranche_decisions{", "outcome=\"APPROVE\"")
        .contains("tranche_decision_time_seconds_bucket{")
        .contains("tranche_offers_accepted{")
        .contains("tranche_ledger_transfers{")
        .contains("tranche_lender_circuit_open{")
        .contains("temporal_activity_execution_latency_seconds")
        .contains("temporal_workflow_task_schedule_to_start_latency_seconds");
    assertThat(http.post("/api/v1/webhooks/payments", null, Map.of("eventId", "evt-unsigned")).status())
        .isEqualTo(401);
    String after = http.get("/actuator/prometheus", ops).text();
    assertThat(after).contains("tranche_webhook_rejections_total{").contains("source=\"payments\"");
    // Every business metric the provisioned Grafana dashboard queries exists: all but the two that have rows
    // only once a collection case or a liquidation exists (CollateralFlowTest reads the liquidations').
    Set<String> needOtherLoans = Set.of("tranche_collection_cases", "tranche_liquidations");
    Matcher queried = Pattern.compile("tranche_[a-z_]+").matcher(
        Files.readString(Path.of("../deploy/grafana/dashboards/tranche.json")));
    while (queried.find()) {
      if (needOtherLoans.contains(queried.group())) {
        continue;
      }
      assertThat(after).as("the dashboard's " + queried.group()).contains(queried.group());
    }
  }

  @Test
  void the_trace_of_an_http_request_reaches_the_json_log_of_its_activities() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger activities = (Logger) LoggerFactory.getLogger("dev.tranche.workers.ActivityLog");
    captured.start();
    activities.addAppender(captured);
    String id;
    try {
      var response = http.post("/api/v1/applications", token("borrower-traced", "BORROWER"),
          application("111-11-1111"), Map.of("Idempotency-Key", UUID.randomUUID().toString(),
              "traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01"));
      assertThat(response.status()).as(response.text()).isEqualTo(202);
      id = response.json().path("applicationId").asString();
      awaitApplication(id, token("borrower-traced", "BORROWER"), status("OFFERED", "IN_REVIEW", "DECLINED"));
    } finally {
      activities.detachAppender(captured);
    }
    ILoggingEvent verified = captured.list.stream()
        .filter(e -> e.getFormattedMessage().startsWith("VerifyIdentity for application-" + id)).findFirst()
        .orElseThrow(() -> new AssertionError("no VerifyIdentity line in " + captured.list));

    StructuredLogEncoder json = new StructuredLogEncoder();
    json.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    json.setFormat("ecs");
    json.start();
    JsonNode line = Http.JSON.readTree(new String(json.encode(verified), StandardCharsets.UTF_8));
    String logged = line.has("traceId") ? line.path("traceId").asString() : line.path("trace").path("id").asString();
    assertThat(logged).as(line.toString()).isEqualTo(traceId);
    assertThat(line.path("message").asString()).contains("completed in").contains("attempt 1");
    assertThat(line.toString()).contains("application-" + id).doesNotContain("111-11-1111");
    // ...and its outbound call: the KYC provider received the same trace (a client span's traceparent).
    assertThat(http.get(FullStack.sandbox().baseUrl() + "/sandbox/traces/" + traceId, null).json().path("calls")
        .toString()).contains("POST /kyc");
  }

  @Test
  void the_temporal_ui_reads_encrypted_payloads_through_the_codec_endpoint_as_ops_only() throws Exception {
    String id = submit("borrower-decoded", "111-11-1111");
    Payload started = workflows.fetchHistory("application-" + id).getEvents().getFirst()
        .getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertThat(started.getMetadataOrThrow("encoding").toStringUtf8()).isNotEqualTo("json/plain");
    assertThat(started.getData().toStringUtf8()).doesNotContain(id);
    String body = JsonFormat.printer().print(Payloads.newBuilder().addPayloads(started));

    var decoded = http.post("/api/v1/codec/decode", token("ops-1", "OPS"), Http.JSON.readTree(body),
        Map.of("X-Namespace", "default"));
    assertThat(decoded.status()).as(decoded.text()).isEqualTo(200);
    Payloads.Builder answer = Payloads.newBuilder();
    JsonFormat.parser().merge(decoded.text(), answer);
    assertThat(answer.getPayloads(0).getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("json/plain");
    assertThat(answer.getPayloads(0).getData().toStringUtf8()).contains(id);
    assertThat(count("audit_log where action = 'PAYLOADS_DECODED'")).isPositive();

    assertThat(http.post("/api/v1/codec/decode", token("borrower-decoded", "BORROWER"), Http.JSON.readTree(body))
        .status()).isEqualTo(403);
    assertThat(http.post("/api/v1/codec/decode", token("ops-1", "OPS"), Map.of("payloads", "nonsense")).status())
        .isEqualTo(400);
    HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/v1/codec/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:8233")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8233");
  }
}
