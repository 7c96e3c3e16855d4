package dev.tranche.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {

  static VerificationFacts facts(int score, int tradelines, boolean bankruptcy, boolean sanctions, List<String> fraud) {
    return new VerificationFacts(new KycResult(true, new BigDecimal("0.98"), sanctions, fraud),
        new BureauReport(score, tradelines, bankruptcy, 0),
        new BankSummary(Money.of("8500.00", "USD"), Money.of("6400.00", "USD"), 0));
  }

  @Test
  void composite_score_follows_the_product_formula() {
    // 782*0.4 + min(8500/5000,1)*300*0.3 + 1.0*100*0.2 + 0.98*100*0.1 = 312.8 + 90 + 20 + 9.8
    assertThat(Scoring.score(facts(782, 14, false, false, List.of()))).isEqualByComparingTo("432.60");
  }

  @Test
  void prime_applicant_is_approved_in_tier_a() {
    Decision d = DecisionEngine.decide(Policy.standard(), facts(782, 14, false, false, List.of()));
    assertThat(d.outcome()).isEqualTo(Action.APPROVE);
    assertThat(d.tier()).isEqualTo(Tier.A);
    assertThat(d.hits()).isEmpty();
    assertThat(d.policyVersion()).isEqualTo(Policy.standard().version());
  }

  @Test
  void bankruptcy_declines_even_with_other_review_reasons() {
    Decision d = DecisionEngine.decide(Policy.standard(), facts(588, 9, true, false, List.of()));
    assertThat(d.outcome()).isEqualTo(Action.DECLINE);
    assertThat(d.reasonCodes()).containsExactly("RECENT_BANKRUPTCY");
    assertThat(d.hits()).extracting(RuleHit::reasonCode).contains("LOW_CREDIT_SCORE");
  }

  @Test
  void sanctions_hit_declines() {
    assertThat(DecisionEngine.decide(Policy.standard(), facts(731, 11, false, true, List.of())).reasonCodes())
        .containsExactly("SANCTIONS_HIT");
  }

  @Test
  void thin_file_low_score_and_fraud_signals_go_to_a_person() {
    assertThat(DecisionEngine.decide(Policy.standard(), facts(702, 1, false, false, List.of())).outcome())
        .isEqualTo(Action.MANUAL_REVIEW);
    assertThat(DecisionEngine.decide(Policy.standard(), facts(640, 8, false, false, List.of())).reasonCodes())
        .containsExactly("LOW_CREDIT_SCORE");
    assertThat(DecisionEngine.decide(Policy.standard(), facts(760, 8, false, false, List.of("VELOCITY"))).reasonCodes())
        .containsExactly("FRAUD_SIGNALS");
  }

  @Test
  void rules_compare_by_type() {
    var fields = facts(700, 5, false, false, List.of("SYNTHETIC_IDENTITY")).asFields();
    assertThat(new Rule("r", "bureau.score", Operator.GT, "699", Action.APPROVE, "X").matches(fields)).isTrue();
    assertThat(new Rule("r", "bureau.score", Operator.LT, "700", Action.APPROVE, "X").matches(fields)).isFalse();
    assertThat(new Rule("r", "kyc.fraudSignals", Operator.INCLUDES, "SYNTHETIC_IDENTITY", Action.DECLINE, "X")
        .matches(fields)).isTrue();
    assertThat(new Rule("r", "kyc.fraudSignals", Operator.NOT_INCLUDES, "VELOCITY", Action.DECLINE, "X")
        .matches(fields)).isTrue();
    assertThat(new Rule("r", "no.such.field", Operator.EQ, "1", Action.DECLINE, "X").matches(fields)).isFalse();
    // The fields a candidate policy may name are exactly the ones facts carry.
    assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(VerificationFacts.FIELDS);
  }
}
