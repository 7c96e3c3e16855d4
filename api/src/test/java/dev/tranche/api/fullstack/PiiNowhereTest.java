package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Runs after every other full-stack class (ClassOrderer in junit-platform.properties): after all the
 * personas' flows, direct and through partner links, no plaintext SSN or birth date is in any table,
 * the log file or any decoded workflow history.
 */
@Order(10)
class PiiNowhereTest extends FullStackTest {

  @Test
  void no_plaintext_ssn_anywhere() throws Exception {
    List<String> needles = List.of("111-11-1111", "111111111", "555-55-5555", "222-22-2222", "222222222",
        "1985-04-12", "1979-02-03");
    assertThat(count("applications")).as("flows ran before this check").isGreaterThan(5);
    List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
        .query(String.class).list();
    for (String table : tables) {
      String dump = String.join("\n", jdbc.sql("select t::text from " + table + " t").query(String.class).list());
      for (String needle : needles) {
        assertThat(dump).as("table %s", table).doesNotContain(needle);
      }
    }
    org.slf4j.LoggerFactory.getLogger(PiiNowhereTest.class).warn("masking probe 987-65-4321 and 987654321");
    String log = Files.readString(Path.of("target/fullstack.log"));
    assertThat(log).contains("masking probe ***-**-**** and ***-**-****").doesNotContain("987-65-4321");
    assertThat(log).isNotBlank();
    for (String needle : needles) {
      assertThat(log).as("log").doesNotContain(needle);
    }
    String ops = token("ops-1", "OPS");
    for (JsonNode run : http.get("/api/v1/ops/workflows?limit=500", ops).json().path("workflows")) {
      String decoded = http.get("/api/v1/ops/workflows/" + run.path("workflowId").asString() + "/history", ops).text();
      for (String needle : needles) {
        assertThat(decoded).as("history of %s", run.path("workflowId").asString()).doesNotContain(needle);
      }
    }
  }

  @org.springframework.beans.factory.annotation.Autowired dev.tranche.temporal.PayloadEncryptionCodec codec;
  @org.springframework.beans.factory.annotation.Autowired io.temporal.client.WorkflowClient temporal;

  /**
   * Not the ops view (which masks): every payload of every workflow's history, decrypted with the
   * payload codec, as anyone holding the key would read it.
   */
  @Test
  void no_plaintext_pii_in_any_decoded_workflow_history() {
    List<String> needles = List.of("111-11-1111", "111111111", "222-22-2222", "222222222", "555-55-5555",
        "1985-04-12", "1979-02-03");
    java.util.Set<String> types = new java.util.TreeSet<>();
    int payloads = 0;
    // Every workflow id the platform made, from the tables that record its business key.
    List<String> ids = new java.util.ArrayList<>(jdbc.sql("select workflow_id from workflow_runs").query(String.class)
        .list());
    ids.addAll(jdbc.sql("select 'collection-' || loan_id || '-' || installment from collection_cases")
        .query(String.class).list());
    for (String loanId : jdbc.sql("select loan_id::text from collateral_requirements").query(String.class).list()) {
      ids.add(dev.tranche.common.WorkflowIds.collateralMonitor(loanId));
      ids.add(dev.tranche.common.WorkflowIds.liquidation(loanId));
    }
    for (java.sql.Date date : jdbc.sql("select business_date from collection_sweeps").query(java.sql.Date.class).list()) {
      ids.add(dev.tranche.common.WorkflowIds.collectionsSweep(date.toLocalDate()));
    }
    for (String id : ids) {
      io.temporal.common.WorkflowExecutionHistory history;
      try {
        history = temporal.fetchHistory(id);
      } catch (RuntimeException neverStarted) {
        continue;
      }
      List<String> decoded = new java.util.ArrayList<>();
      for (var event : history.getEvents()) {
        decode(event, decoded);
      }
      payloads += decoded.size();
      types.add(history.getEvents().getFirst().getWorkflowExecutionStartedEventAttributes().getWorkflowType()
          .getName());
      String text = String.join("\n", decoded);
      if (id.startsWith("application-")) {
        assertThat(text).as("read as plaintext, not ciphertext").contains(id.substring("application-".length()));
      }
      for (String needle : needles) {
        assertThat(text).as("decoded history of %s", id).doesNotContain(needle);
      }
    }
    System.out.printf("PII check: %d workflows of types %s, %d payloads decoded%n", ids.size(), types, payloads);
    assertThat(types).as("every workflow type that ran").contains("LoanApplicationWorkflow", "ManualReviewWorkflow",
        "DisbursementWorkflow", "LoanServicingWorkflow", "CollateralMonitorWorkflow", "LiquidationWorkflow",
        "CollectionsSweepWorkflow");
    assertThat(payloads).as("payloads decoded").isGreaterThan(100);
  }

  /** Every Payload in {@code message}, at any depth, decrypted and read as text. */
  private void decode(com.google.protobuf.Message message, List<String> into) {
    if (message instanceof io.temporal.api.common.v1.Payload payload) {
      for (var plain : codec.decode(List.of(payload))) {
        into.add(plain.getData().toStringUtf8());
      }
      return;
    }
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        return;
      }
      if (field.isRepeated()) {
        for (Object item : (List<?>) value) {
          if (item instanceof com.google.protobuf.Message m) {
            decode(m, into);
          }
        }
      } else {
        decode((com.google.protobuf.Message) value, into);
      }
    });
  }
}
