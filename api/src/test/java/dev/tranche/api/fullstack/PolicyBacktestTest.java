package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.decision.Policy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An admin backtests candidate credit policies over the decisions on record: the standard policy changes none of
 * the applications it decided; a policy declining every score under 900 declines them all and lists each changed
 * one, with the approvals' expected loss gone; a malformed candidate is refused in words and nothing is recorded.
 */
class PolicyBacktestTest extends FullStackTest {

  private static Map<String, Object> candidate(String version, List<Map<String, Object>> extraRules) {
    Policy standard = Policy.standard();
    List<Map<String, Object>> rules = new ArrayList<>();
    standard.rules().forEach(r -> rules.add(Map.of("id", r.id(), "field", r.field(), "operator", r.operator().name(),
        "value", r.value(), "action", r.action().name(), "reasonCode", r.reasonCode())));
    rules.addAll(extraRules);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("rules", rules);
    body.put("tierA", standard.tierA());
    body.put("tierB", standard.tierB());
    body.put("minimumScore", standard.minimumScore());
    body.put("limit", 1000);
    return body;
  }

  private static List<String> changedIds(JsonNode report) {
    List<String> ids = new ArrayList<>();
    report.path("changes").forEach(c -> ids.add(c.path("applicationId").asString()));
    return ids;
  }

  @Test
  void a_candidate_policy_is_replayed_over_the_recorded_decisions() {
    String prime = "backtest-prime-" + UUID.randomUUID();
    String thin = "backtest-thin-" + UUID.randomUUID();
    String offered = submit(prime, "111-11-1111");
    String referred = submit(thin, "222-22-2222");
    awaitApplication(offered, token(prime, "BORROWER"), status("OFFERED"));
    awaitApplication(referred, token(thin, "BORROWER"), status("IN_REVIEW"));
    String admin = token("admin-1", "ADMIN");

    var same = http.post("/api/v1/admin/policy-backtests", admin, candidate("same-as-standard", List.of()));
    assertThat(same.status()).as(same.text()).isEqualTo(200);
    JsonNode unchanged = same.json();
    assertThat(unchanged.path("applications").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(unchanged.path("recordedVersions").toString()).contains(Policy.standard().version());
    assertThat(changedIds(unchanged)).doesNotContain(offered, referred);
    assertThat(unchanged.path("candidate").path("outcomes").path("APPROVE").asInt()).isPositive();
    assertThat(unchanged.path("candidate").path("expectedLoss").path("USD").decimalValue()).isPositive();

    var strict = http.post("/api/v1/admin/policy-backtests", admin, candidate("score-900", List.of(Map.of(
        "id", "score-under-900", "field", "bureau.score", "operator", "LT", "value", "900", "action", "DECLINE",
        "reasonCode", "LOW_CREDIT_SCORE"))));
    assertThat(strict.status()).as(strict.text()).isEqualTo(200);
    JsonNode report = strict.json();
    int applications = report.path("applications").asInt();
    JsonNode recorded = report.path("recorded").path("outcomes");
    assertThat(report.path("candidate").path("outcomes").path("DECLINE").asInt()).isEqualTo(applications);
    assertThat(report.path("candidate").path("approvalRate").decimalValue()).isEqualByComparingTo("0");
    assertThat(report.path("candidate").path("expectedLoss").size()).isZero();
    // Every application the standard policy approved or referred would now be declined.
    assertThat(report.path("changed").asInt())
        .isEqualTo(recorded.path("APPROVE").asInt() + recorded.path("MANUAL_REVIEW").asInt());
    if (!report.path("changesTruncated").asBoolean()) {
      assertThat(changedIds(report)).contains(offered, referred);
    }
    for (JsonNode change : report.path("changes")) {
      assertThat(change.path("candidateOutcome").asString()).isEqualTo("DECLINE");
      assertThat(change.path("candidateReasons").toString()).contains("LOW_CREDIT_SCORE");
    }
    // The expected loss is the requested amount x the tier's default probability x the loss given default.
    assertThat(report.path("assumptions").path("lossGivenDefault").decimalValue()).isEqualByComparingTo("0.97");
    assertThat(report.path("recorded").path("expectedLoss").path("USD").decimalValue()).isPositive();
    assertThat(jdbc.sql("select count(*) from audit_log where action = 'POLICY_BACKTESTED' and subject_id = 'score-900'")
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void a_malformed_candidate_is_refused_in_words_and_nothing_is_recorded() {
    String admin = token("admin-1", "ADMIN");
    long before = jdbc.sql("select count(*) from audit_log where action = 'POLICY_BACKTESTED'").query(Long.class)
        .single();
    var unknownField = http.post("/api/v1/admin/policy-backtests", admin, candidate("bad-1", List.of(Map.of(
        "id", "r", "field", "bureau.shoeSize", "operator", "GT", "value", "1", "action", "DECLINE",
        "reasonCode", "LOW_CREDIT_SCORE"))));
    assertThatProblem(unknownField, 400);
    assertThat(unknownField.json().path("detail").asString()).contains("bureau.shoeSize");
    var unknownReason = http.post("/api/v1/admin/policy-backtests", admin, candidate("bad-2", List.of(Map.of(
        "id", "r", "field", "bureau.score", "operator", "LT", "value", "700", "action", "DECLINE",
        "reasonCode", "WE_SAID_SO"))));
    assertThatProblem(unknownReason, 400);
    assertThat(unknownReason.json().path("detail").asString()).contains("reason catalogue");
    assertThatProblem(http.post("/api/v1/admin/policy-backtests", admin, candidate("bad-3", List.of(Map.of(
        "id", "r", "field", "bureau.score", "operator", "BETWEEN", "value", "700", "action", "DECLINE",
        "reasonCode", "LOW_CREDIT_SCORE")))), 400);
    assertThatProblem(http.post("/api/v1/admin/policy-backtests", admin, candidate("bad-4", List.of(Map.of(
        "id", "r", "field", "bureau.score", "operator", "LT", "value", "high", "action", "DECLINE",
        "reasonCode", "LOW_CREDIT_SCORE")))), 400);
    Map<String, Object> inverted = candidate("bad-5", List.of());
    inverted.put("tierA", new BigDecimal("100"));
    var cutOffs = http.post("/api/v1/admin/policy-backtests", admin, inverted);
    assertThatProblem(cutOffs, 400);
    assertThat(cutOffs.json().path("detail").asString()).contains("cut-offs");
    Map<String, Object> noRules = candidate("bad-6", List.of());
    noRules.remove("rules");
    assertThatProblem(http.post("/api/v1/admin/policy-backtests", admin, noRules), 400);
    assertThat(http.post("/api/v1/admin/policy-backtests", token("ops-1", "OPS"), candidate("ops", List.of()))
        .status()).isEqualTo(403);
    assertThat(jdbc.sql("select count(*) from audit_log where action = 'POLICY_BACKTESTED'").query(Long.class)
        .single()).isEqualTo(before);
  }
}
