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
}
