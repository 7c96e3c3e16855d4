package dev.tranche.activities.review;

import dev.tranche.activities.pii.PiiFields;
import dev.tranche.activities.support.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What an underwriter decides on: the engine's decision (score, tier, every rule hit with its reason, the
 * facts it used) and each provider's normalised answer (KYC and sanctions, bureau, bank data), with
 * PII-named fields masked at every depth.
 */
@Component
public class ReviewEvidence {

  /** The engine's decision and the providers' answers, by kind ({@code KYC}, {@code BUREAU}, {@code BANK_DATA}). */
  public record Evidence(BigDecimal score, String tier, String outcome, String policyVersion, JsonNode ruleHits,
      JsonNode facts, Map<String, JsonNode> verifications) {
  }

  private final JdbcClient jdbc;

  ReviewEvidence(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Evidence> of(UUID applicationId) {
    Map<String, JsonNode> verifications = new LinkedHashMap<>();
    jdbc.sql("select kind, result::text from verification_results where application_id = ? order by kind")
        .param(applicationId)
        .query((rs, n) -> Map.entry(rs.getString(1), PiiFields.masked(Json.read(rs.getString(2)))))
        .list().forEach(e -> verifications.put(e.getKey(), e.getValue()));
    return jdbc.sql("""
            select score, tier, outcome, policy_version, rule_hits::text, facts::text from decisions
             where application_id = ? order by created_at, id limit 1""")
        .param(applicationId)
        .query((rs, n) -> new Evidence(rs.getBigDecimal(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Json.read(rs.getString(5)), PiiFields.masked(Json.read(rs.getString(6))), verifications))
        .optional();
  }
}
