package dev.tranche.application;

import static dev.tranche.application.OriginationHarness.accept;
import static dev.tranche.application.OriginationHarness.fastSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tranche.common.WorkflowIds;
import dev.tranche.disbursement.DisbursementWorkflow;
import dev.tranche.disbursement.FundingConfirmation;
import dev.tranche.disbursement.LenderLoan;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import dev.tranche.offer.Offer;
import dev.tranche.partner.CrmWriteback;
import dev.tranche.partner.PartnerEvent;
import dev.tranche.partner.PartnerRef;
import dev.tranche.review.ManualReviewWorkflow;
import dev.tranche.review.ReviewAction;
import dev.tranche.review.ReviewDecision;
import dev.tranche.review.ReviewTicket;
import dev.tranche.review.Verdict;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Origination depth on the time-skipping test server: the review's claims, four eyes, SLAs and
 * counter-offers; the marketplace with a hung and a failing lender; adverse action; the partner flow.
 */
class OriginationDepthTest {

  private static final List<String> UNDERWRITER = List.of("UNDERWRITER");
  private static final List<String> SENIOR = List.of("UNDERWRITER", "SENIOR_UNDERWRITER");

  private final OriginationHarness h = new OriginationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private ManualReviewWorkflow inReview(LoanApplicationWorkflow workflow) {
    h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.IN_REVIEW);
    ManualReviewWorkflow review = h.client.newWorkflowStub(ManualReviewWorkflow.class,
        WorkflowIds.review(h.applicationId));
    h.awaitStatus(workflow, v -> {
      try {
        return review.ticket() != null;
      } catch (RuntimeException notYet) {
        return false;
      }
    });
    return review;
  }

  private static ReviewDecision decision(String who, Verdict verdict, List<String> roles, String... reasons) {
    return new ReviewDecision(who, verdict, List.of(reasons), "notes", roles, null, null);
  }

  @Test
  void above_the_four_eyes_threshold_an_approval_needs_a_second_different_underwriter() {
    h.persona(702, 1, false, false);
    LoanApplicationWorkflow workflow = h.start(fastSettings(), Money.of("30000.00", "USD"), null);
    ManualReviewWorkflow review = inReview(workflow);

    review.claim(new ReviewAction("uw-1", UNDERWRITER));
    ReviewTicket first = review.decide(decision("uw-1", Verdict.APPROVE, UNDERWRITER, "VERIFIED_INCOME"));
    assertThat(first.status()).isEqualTo("AWAITING_SECOND_APPROVAL");
    assertThat(first.firstApprover()).isEqualTo("uw-1");
    assertThat(first.claimedBy()).isNull();
    assertThat(workflow.status().status()).isEqualTo(ApplicationStatus.IN_REVIEW);

    assertThatThrownBy(() -> review.claim(new ReviewAction("uw-1", UNDERWRITER)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("different underwriter");
    review.claim(new ReviewAction("uw-2", UNDERWRITER));
    ReviewTicket second = review.decide(decision("uw-2", Verdict.APPROVE, UNDERWRITER, "VERIFIED_INCOME"));
    assertThat(second.status()).isEqualTo("DECIDED");
    assertThat(second.decidedBy()).isEqualTo("uw-1,uw-2");

    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);
    assertThat(offered.offers()).isNotEmpty()
        .allSatisfy(o -> assertThat(o.principal()).isEqualTo(Money.of("30000.00", "USD")));
    ArgumentCaptor<ReviewTicket> published = ArgumentCaptor.forClass(ReviewTicket.class);
    verify(h.reviews, atLeastOnce()).upsertTicket(published.capture());
    assertThat(published.getAllValues()).extracting(ReviewTicket::event)
        .containsSubsequence("OPENED", "CLAIMED", "FIRST_APPROVAL", "CLAIMED", "SECOND_APPROVAL");
    h.recordHistory(WorkflowIds.review(h.applicationId), "review-four-eyes");
  }

  @Test
  void only_the_claimant_may_decide_or_release_and_rejected_updates_change_nothing() {
    h.persona(702, 1, false, false);
    ManualReviewWorkflow review = inReview(h.start(fastSettings()));

    assertThatThrownBy(() -> review.decide(decision("uw-1", Verdict.APPROVE, UNDERWRITER, "OK")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("claim the review");
    assertThatThrownBy(() -> review.claim(new ReviewAction("ops-1", List.of("OPS"))))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("UNDERWRITER role");
    review.claim(new ReviewAction("uw-1", UNDERWRITER));
    int revision = review.ticket().revision();

    assertThatThrownBy(() -> review.claim(new ReviewAction("uw-2", UNDERWRITER)))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("already claimed by uw-1");
    assertThatThrownBy(() -> review.decide(decision("uw-2", Verdict.APPROVE, UNDERWRITER, "OK")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("only the claimant");
    assertThatThrownBy(() -> review.release(new ReviewAction("uw-2", UNDERWRITER)))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThatThrownBy(() -> review.decide(decision("uw-1", Verdict.DECLINE, UNDERWRITER, "NOT_A_REASON")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("adverse action reasons");
    assertThat(review.ticket().revision()).isEqualTo(revision);
    assertThat(review.ticket().claimedBy()).isEqualTo("uw-1");

    review.release(new ReviewAction("uw-1", UNDERWRITER));
    assertThat(review.ticket().status()).isEqualTo("OPEN");
    review.claim(new ReviewAction("uw-2", UNDERWRITER));
    assertThat(review.ticket().claimedBy()).isEqualTo("uw-2");
  }

  @Test
  void unclaimed_after_four_hours_priority_rises_and_undecided_after_a_day_it_escalates_to_a_senior() {
    h.persona(702, 1, false, false);
    LoanApplicationWorkflow workflow = h.start(fastSettings());
    ManualReviewWorkflow review = inReview(workflow);
    assertThat(review.ticket().priority()).isZero();

    h.env.sleep(Duration.ofHours(4).plusMinutes(1));
    assertThat(review.ticket().priority()).isEqualTo(1);
    review.claim(new ReviewAction("uw-1", UNDERWRITER));

    h.env.sleep(Duration.ofHours(20));
    ReviewTicket escalated = review.ticket();
    assertThat(escalated.escalated()).isTrue();
    assertThat(escalated.claimedBy()).isNull();
    assertThat(escalated.requiredRole()).isEqualTo("SENIOR_UNDERWRITER");
    assertThat(escalated.priority()).isEqualTo(2);
    assertThatThrownBy(() -> review.claim(new ReviewAction("uw-1", UNDERWRITER)))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("SENIOR_UNDERWRITER");

    review.claim(new ReviewAction("senior-1", SENIOR));
    review.decide(decision("senior-1", Verdict.DECLINE, SENIOR, "THIN_FILE", "INSUFFICIENT_BANK_HISTORY"));
    ApplicationOutcome outcome = h.result();
    assertThat(outcome.status()).isEqualTo(ApplicationStatus.DECLINED);
    verify(h.store).recordAdverseAction(argThat(n -> n.decidedBy().equals("underwriter:senior-1")
        && n.principalReasons().size() == 2 && n.creditScore() == 702));
    ArgumentCaptor<ReviewTicket> published = ArgumentCaptor.forClass(ReviewTicket.class);
    verify(h.reviews, atLeastOnce()).upsertTicket(published.capture());
    assertThat(published.getAllValues()).extracting(ReviewTicket::event)
        .containsSubsequence("OPENED", "PRIORITY_RAISED", "CLAIMED", "ESCALATED", "CLAIMED", "DECLINED");
    h.recordHistory(WorkflowIds.review(h.applicationId), "review-escalated");
  }

  @Test
  void a_counter_offer_with_a_down_payment_prices_the_lower_amount_and_carries_the_condition() {
    h.persona(702, 1, false, false);
    LoanApplicationWorkflow workflow = h.start(fastSettings());
    ManualReviewWorkflow review = inReview(workflow);
    review.claim(new ReviewAction("uw-1", UNDERWRITER));
    assertThatThrownBy(() -> review.decide(new ReviewDecision("uw-1", Verdict.COUNTER_OFFER, List.of("HIGH_DTI"),
        null, UNDERWRITER, Money.of("15000.00", "USD"), null)))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("below the requested");
    review.decide(new ReviewDecision("uw-1", Verdict.COUNTER_OFFER, List.of("HIGH_DTI"), "needs skin in the game",
        UNDERWRITER, null, Money.of("2000.00", "USD")));

    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);
    assertThat(offered.offers()).isNotEmpty().allSatisfy(o -> {
      assertThat(o.principal()).isEqualTo(Money.of("10000.00", "USD"));
      assertThat(o.conditions()).containsExactly("DOWN_PAYMENT " + Money.of("2000.00", "USD"));
    });
    verify(h.market, atLeastOnce()).requestQuotes(argThat(q -> q.amount().equals(Money.of("10000.00", "USD"))));
  }

  @Test
  void a_hung_lender_and_a_failing_lender_are_skipped_and_the_borrower_still_gets_ranked_disclosed_offers() {
    org.mockito.Mockito.doAnswer(call -> {
      QuoteRequest request = call.getArgument(0);
      return switch (request.lender()) {
        case "northwind" -> {
          Thread.sleep(4_000);
          yield OriginationHarness.quotes(request, h.env.currentTimeMillis());
        }
        case "bluebank" -> throw ApplicationFailure.newFailure("lender answered 500", "LenderDown");
        default -> OriginationHarness.quotes(request, h.env.currentTimeMillis());
      };
    }).when(h.market).requestQuotes(any());
    LoanApplicationWorkflow workflow = h.start(fastSettings());
    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);

    assertThat(offered.offers()).hasSize(3).allSatisfy(o -> {
      assertThat(o.lender()).isEqualTo("cedar");
      assertThat(o.quoteId()).startsWith("cedar-q-");
      // Cedar's 4 % fee is a finance charge: the disclosed APR is above the note rate.
      assertThat(o.disclosure().apr()).isGreaterThan(o.apr());
      assertThat(o.disclosure().amountFinanced()).isEqualTo(o.principal().minus(o.originationFee()));
    });
    List<Offer> offers = offered.offers();
    for (int i = 1; i < offers.size(); i++) {
      assertThat(offers.get(i).disclosure().financeCharge()).isGreaterThanOrEqualTo(
          offers.get(i - 1).disclosure().financeCharge());
    }
  }

  @Test
  void with_every_lender_answering_without_a_quote_the_application_is_declined_with_a_notice() {
    org.mockito.Mockito.doAnswer(call -> new dev.tranche.marketplace.LenderQuotes(
        ((QuoteRequest) call.getArgument(0)).lender(), List.of(), false)).when(h.market).requestQuotes(any());
    h.start(fastSettings());
    ApplicationOutcome outcome = h.result();
    assertThat(outcome.status()).isEqualTo(ApplicationStatus.DECLINED);
    assertThat(outcome.reasonCodes()).containsExactly("NO_LENDER_OFFERS");
    verify(h.store).recordAdverseAction(argThat(n -> n.principalReasons().getFirst().contains("No lender")));
  }

  @Test
  void a_partner_invitation_waits_for_the_borrower_then_tells_the_crm_each_status_once_in_order() {
    when(h.lender.requestDisbursement(any())).thenReturn(new LenderLoan("LL-1", "PENDING", 0));
    PartnerRef partner = new PartnerRef("acme-crm", "JOB-7", System.currentTimeMillis() + 86_400_000L);
    LoanApplicationWorkflow workflow = h.start(fastSettings(), Money.of("12000.00", "USD"), partner);
    h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.INVITED);
    verify(h.kyc, never()).verifyIdentity(any());

    workflow.borrowerSubmitted();
    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);
    workflow.acceptOffer(accept(offered.offers().getFirst().offerId()));
    ApplicationView funding = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.FUNDING);
    h.awaitStatus(workflow, v -> {
      try {
        return h.client.newWorkflowStub(DisbursementWorkflow.class, WorkflowIds.disbursement(funding.loanId()))
            .stage().name().equals("AWAITING_FUNDING");
      } catch (RuntimeException notYet) {
        return false;
      }
    });
    h.client.newWorkflowStub(DisbursementWorkflow.class, WorkflowIds.disbursement(funding.loanId()))
        .fundingConfirmed(new FundingConfirmation("evt-1", "LL-1", h.env.currentTimeMillis()));
    assertThat(h.result().status()).isEqualTo(ApplicationStatus.FUNDED);

    var order = inOrder(h.partners);
    for (String status : List.of("SUBMITTED", "APPROVED", "FUNDED")) {
      order.verify(h.partners).writeBack(new CrmWriteback(h.applicationId, "acme-crm", "JOB-7", status));
    }
    verify(h.partners, org.mockito.Mockito.times(3)).writeBack(any());
    ArgumentCaptor<PartnerEvent> events = ArgumentCaptor.forClass(PartnerEvent.class);
    verify(h.partners, org.mockito.Mockito.times(3)).deliverEvent(events.capture());
    assertThat(events.getAllValues()).extracting(PartnerEvent::type).containsExactlyInAnyOrder(
        PartnerEvent.SUBMITTED, PartnerEvent.APPROVED, PartnerEvent.DISBURSED);
    assertThat(events.getAllValues()).extracting(PartnerEvent::eventId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).startsWith("evt_" + h.applicationId));
    h.recordHistory(WorkflowIds.application(h.applicationId), "application-partner-funded");
  }

  @Test
  void an_unused_link_expires_the_invitation_and_the_crm_hears_it_was_cancelled() {
    PartnerRef partner = new PartnerRef("acme-crm", "JOB-8", System.currentTimeMillis() + 86_400_000L);
    h.start(fastSettings(), Money.of("12000.00", "USD"), partner);
    ApplicationOutcome outcome = h.result();
    assertThat(outcome.status()).isEqualTo(ApplicationStatus.EXPIRED);
    assertThat(outcome.reasonCodes()).containsExactly("LINK_EXPIRED");
    verify(h.partners).borrowerSubmitted(h.applicationId);
    verify(h.partners).writeBack(new CrmWriteback(h.applicationId, "acme-crm", "JOB-8", "CANCELLED"));
    verify(h.kyc, never()).verifyIdentity(any());
  }
}
