package dev.tranche.activities.application;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.support.Json;
import dev.tranche.decision.Action;
import dev.tranche.decision.Decision;
import dev.tranche.decision.DecisionEngine;
import dev.tranche.decision.Policy;
import dev.tranche.decision.Tier;
import dev.tranche.decision.VerificationFacts;
import dev.tranche.portfolio.Behaviour;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A candidate credit policy replayed over the verification facts every automated decision stored (the same
 * {@link DecisionEngine} the application workflow runs): how many it would approve, refer and decline against what
 * was recorded, the expected loss of each side's approvals (requested amount x the tier's yearly default
 * probability x loss given default, the portfolio simulation's own assumptions: {@link Behaviour}), and the
 * applications whose decision would change. Reads in pages; lists application ids only, never the applicant.
 */
@Component
public class PolicyBacktest {

  private static final int PAGE = 500;

  /** One side: outcomes, approvals by tier, the amount approved and its expected loss, per currency. */
  public record Side(Map<String, Integer> outcomes, BigDecimal approvalRate, Map<String, Integer> approvedByTier,
      Map<String, BigDecimal> approvedAmount, Map<String, BigDecimal> expectedLoss) {
  }

  /** An application the candidate would decide otherwise. */
  public record Change(String applicationId, String recordedOutcome, String recordedTier, String candidateOutcome,
      String candidateTier, List<String> candidateReasons) {
  }

  /** The whole backtest. */
  public record Report(String candidateVersion, List<String> recordedVersions, int applications, Side recorded,
      Side candidate, int changed, List<Change> changes, boolean changesTruncated, Map<String, BigDecimal> assumptions) {
  }

  private final JdbcClient jdbc;
  private final AuditLog audit;

  PolicyBacktest(JdbcClient jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  private record Row(long id, String applicationId, String outcome, String tier, String version, String facts,
      BigDecimal amount, String currency) {
  }

  /** Replays {@code candidate} over every stored automated decision, listing up to {@code limit} changes. */
  public Report run(Policy candidate, int limit, String actor) {
    Tally recorded = new Tally();
    Tally proposed = new Tally();
    List<Change> changes = new ArrayList<>();
    TreeSet<String> versions = new TreeSet<>();
    int applications = 0;
    int changed = 0;
    long after = 0;
    while (true) {
      List<Row> page = jdbc.sql("""
              select d.id, d.application_id::text, d.outcome, d.tier, d.policy_version, d.facts::text,
                     a.requested_amount, a.currency
                from decisions d join applications a on a.id = d.application_id
               where d.decided_by = 'policy' and d.id > ? order by d.id limit ?""")
          .params(after, PAGE)
          .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getString(8)))
          .list();
      for (Row row : page) {
        applications++;
        versions.add(row.version());
        Decision decision = DecisionEngine.decide(candidate, Json.read(row.facts(), VerificationFacts.class));
        recorded.add(row.outcome(), row.tier(), row.amount(), row.currency());
        proposed.add(decision.outcome().name(), decision.tier().name(), row.amount(), row.currency());
        if (!decision.outcome().name().equals(row.outcome()) || !decision.tier().name().equals(row.tier())) {
          changed++;
          if (changes.size() < limit) {
            changes.add(new Change(row.applicationId(), row.outcome(), row.tier(), decision.outcome().name(),
                decision.tier().name(), decision.reasonCodes()));
          }
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.getLast().id();
    }
    audit.record(actor, "POLICY_BACKTESTED", "policy", candidate.version(),
        Map.of("applications", applications, "changed", changed));
    Map<String, BigDecimal> assumptions = new LinkedHashMap<>();
    for (Tier tier : Tier.values()) {
      assumptions.put("defaultProbability." + tier.name(), BigDecimal.valueOf(Behaviour.defaultProbability(tier)));
    }
    assumptions.put("lossGivenDefault", BigDecimal.valueOf(Behaviour.LOSS_GIVEN_DEFAULT));
    return new Report(candidate.version(), List.copyOf(versions), applications, recorded.side(applications),
        proposed.side(applications), changed, changes, changed > changes.size(), assumptions);
  }

  /** Counts and sums of one side. */
  private static final class Tally {
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, Integer> approvedByTier = new TreeMap<>();
    private final Map<String, BigDecimal> approved = new TreeMap<>();
    private final Map<String, BigDecimal> expectedLoss = new TreeMap<>();

    void add(String outcome, String tier, BigDecimal amount, String currency) {
      outcomes.merge(outcome, 1, Integer::sum);
      if (!outcome.equals(Action.APPROVE.name())) {
        return;
      }
      approvedByTier.merge(tier, 1, Integer::sum);
      approved.merge(currency, amount, BigDecimal::add);
      BigDecimal loss = amount.multiply(BigDecimal.valueOf(Behaviour.defaultProbability(Tier.valueOf(tier))))
          .multiply(BigDecimal.valueOf(Behaviour.LOSS_GIVEN_DEFAULT));
      expectedLoss.merge(currency, loss, BigDecimal::add);
    }

    Side side(int applications) {
      for (Action action : Action.values()) {
        outcomes.putIfAbsent(action.name(), 0);
      }
      Map<String, BigDecimal> losses = new TreeMap<>();
      expectedLoss.forEach((currency, loss) -> losses.put(currency, loss.setScale(2, RoundingMode.HALF_EVEN)));
      BigDecimal rate = applications == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(outcomes.get(Action.APPROVE.name()))
          .divide(BigDecimal.valueOf(applications), 4, RoundingMode.HALF_EVEN);
      return new Side(outcomes, rate, approvedByTier, approved, losses);
    }
  }
}
