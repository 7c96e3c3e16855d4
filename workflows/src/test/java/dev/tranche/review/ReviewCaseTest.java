package dev.tranche.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review's rules on their own: claims, four eyes, counter-offers and what the SLAs do. */
class ReviewCaseTest {

  private static final List<String> UW = List.of("UNDERWRITER");
  private static final List<String> SENIOR = List.of("SENIOR_UNDERWRITER");

  private static ReviewCase review(String amount) {
    return new ReviewCase(new ReviewRequest("app-1", List.of("THIN_FILE"), new BigDecimal("610"),
        Money.of(amount, "USD"), 3600, 600, 1800, new BigDecimal("25000"), "applicant-1"));
  }

  private static ReviewDecision decision(String who, Verdict verdict, List<String> roles, String counter) {
    return new ReviewDecision(who, verdict, List.of(verdict == Verdict.DECLINE ? "THIN_FILE" : "VERIFIED_INCOME"),
        "notes", roles, counter == null ? null : Money.of(counter, "USD"), null);
  }

  @Test
  void a_claimed_review_is_decided_by_its_claimant_only() {
    ReviewCase review = review("5000.00");
    assertThatThrownBy(() -> review.validateDecide(decision("ana", Verdict.APPROVE, UW, null)))
        .hasMessageContaining("claim the review before deciding");
    review.validateClaim(new ReviewAction("ana", UW));
    assertThat(review.claim(new ReviewAction("ana", UW))).isEqualTo("CLAIMED");
    assertThat(review.claim(new ReviewAction("ana", UW))).as("claiming again changes nothing").isNull();
    assertThatThrownBy(() -> review.validateClaim(new ReviewAction("ben", UW))).hasMessageContaining("already claimed by ana");
    assertThatThrownBy(() -> review.validateDecide(decision("ben", Verdict.APPROVE, UW, null)))
        .hasMessageContaining("only the claimant (ana)");

    review.validateDecide(decision("ana", Verdict.APPROVE, UW, null));
    assertThat(review.decide(decision("ana", Verdict.APPROVE, UW, null), 42L)).isEqualTo("APPROVED");
    assertThat(review.outcome().verdict()).isEqualTo(Verdict.APPROVE);
    assertThat(review.outcome().decidedAtMillis()).isEqualTo(42L);
    assertThat(review.ticket(43L, 3, null, null).status()).isEqualTo("DECIDED");
    assertThatThrownBy(() -> review.validateClaim(new ReviewAction("ana", UW))).hasMessageContaining("already decided");
  }

  @Test
  void only_the_claimant_releases_and_the_applicant_never_touches_their_own_review() {
    ReviewCase review = review("5000.00");
    assertThatThrownBy(() -> review.validateRelease(new ReviewAction("ana", UW))).hasMessageContaining("not claimed");
    assertThatThrownBy(() -> review.validateClaim(new ReviewAction("applicant-1", SENIOR)))
        .hasMessageContaining("their own application");
    assertThatThrownBy(() -> review.validateClaim(new ReviewAction("ana", List.of("OPS"))))
        .hasMessageContaining("needs the UNDERWRITER role");
    review.claim(new ReviewAction("ana", UW));
    assertThatThrownBy(() -> review.validateRelease(new ReviewAction("ben", UW))).hasMessageContaining("only the claimant");
    review.validateRelease(new ReviewAction("ana", UW));
    assertThat(review.release()).isEqualTo("RELEASED");
    assertThat(review.ticket(1L, 2, "RELEASED", "ana").status()).isEqualTo("OPEN");
  }

  @Test
  void above_the_threshold_an_approval_needs_a_second_different_underwriter() {
    ReviewCase review = review("30000.00");
    review.claim(new ReviewAction("ana", UW));
    assertThat(review.decide(decision("ana", Verdict.APPROVE, UW, null), 1L)).isEqualTo("FIRST_APPROVAL");
    assertThat(review.decided()).isFalse();
    ReviewTicket waiting = review.ticket(2L, 2, null, null);
    assertThat(waiting.status()).isEqualTo("AWAITING_SECOND_APPROVAL");
    assertThat(waiting.firstApprover()).isEqualTo("ana");
    assertThat(waiting.claimedBy()).as("released for the second pair of eyes").isNull();
    assertThatThrownBy(() -> review.validateClaim(new ReviewAction("ana", UW))).hasMessageContaining("different underwriter");

    review.claim(new ReviewAction("ben", UW));
    assertThatThrownBy(() -> review.validateDecide(decision("ben", Verdict.COUNTER_OFFER, UW, "20000.00")))
        .hasMessageContaining("approves or declines the first approval");
    assertThat(review.decide(decision("ben", Verdict.APPROVE, UW, null), 3L)).isEqualTo("SECOND_APPROVAL");
    assertThat(review.outcome().underwriter()).isEqualTo("ana");
    assertThat(review.outcome().secondApprover()).isEqualTo("ben");
    assertThat(review.ticket(4L, 4, null, null).decidedBy()).isEqualTo("ana,ben");
  }

  @Test
  void a_counter_offer_prices_a_lower_amount_less_any_down_payment() {
    ReviewCase review = review("10000.00");
    review.claim(new ReviewAction("ana", UW));
    assertThatThrownBy(() -> review.validateDecide(decision("ana", Verdict.COUNTER_OFFER, UW, "12000.00")))
        .hasMessageContaining("below the requested");
    assertThatThrownBy(() -> review.validateDecide(new ReviewDecision("ana", Verdict.COUNTER_OFFER,
        List.of("HIGH_DTI"), null, UW, null, null))).hasMessageContaining("needs a counterAmount");
    ReviewDecision counter = new ReviewDecision("ana", Verdict.COUNTER_OFFER, List.of("HIGH_DTI"), null, UW,
        Money.of("8000.00", "USD"), Money.of("500.00", "USD"));
    review.validateDecide(counter);
    assertThat(review.decide(counter, 5L)).isEqualTo("COUNTER_OFFERED");
    assertThat(review.outcome().approvedAmount()).isEqualTo(Money.of("7500.00", "USD"));
    assertThat(review.outcome().conditions()).containsExactly("AMOUNT_REDUCED 8000.00 USD", "DOWN_PAYMENT 500.00 USD");
  }

  @Test
  void a_decline_must_use_the_adverse_action_reasons() {
    ReviewCase review = review("5000.00");
    review.claim(new ReviewAction("ana", UW));
    assertThatThrownBy(() -> review.validateDecide(new ReviewDecision("ana", Verdict.DECLINE, List.of("NOT_A_REASON"),
        null, UW, null, null))).hasMessageContaining("adverse action reasons");
    assertThatThrownBy(() -> review.validateDecide(new ReviewDecision("ana", Verdict.APPROVE, List.of("lower"),
        null, UW, null, null))).hasMessageContaining("upper-case");
    assertThat(review.decide(decision("ana", Verdict.DECLINE, UW, null), 6L)).isEqualTo("DECLINED");
    assertThat(review.outcome().verdict()).isEqualTo(Verdict.DECLINE);
  }

  @Test
  void the_slas_raise_the_priority_then_escalate_to_a_senior_and_finally_expire() {
    ReviewCase review = review("5000.00");
    assertThat(review.untouched()).isTrue();
    assertThat(review.claimSlaMissed()).isEqualTo("PRIORITY_RAISED");
    assertThat(review.ticket(1L, 1, null, null).priority()).isEqualTo(ReviewCase.HIGH);
    review.claim(new ReviewAction("ana", UW));
    assertThat(review.untouched()).isFalse();

    assertThat(review.escalate()).isEqualTo("ESCALATED");
    ReviewTicket escalated = review.ticket(2L, 2, null, null);
    assertThat(escalated.claimedBy()).as("the claim is dropped").isNull();
    assertThat(escalated.requiredRole()).isEqualTo("SENIOR_UNDERWRITER");
    assertThat(escalated.priority()).isEqualTo(ReviewCase.ESCALATED);
    assertThatThrownBy(() -> review.validateClaim(new ReviewAction("ana", UW)))
        .hasMessageContaining("needs the SENIOR_UNDERWRITER role");
    review.validateClaim(new ReviewAction("sam", SENIOR));

    assertThat(review.expire(9L)).isEqualTo("EXPIRED");
    assertThat(review.outcome().reasonCodes()).containsExactly("REVIEW_EXPIRED");
    assertThat(review.ticket(10L, 3, null, null).status()).isEqualTo("EXPIRED");
  }
}
