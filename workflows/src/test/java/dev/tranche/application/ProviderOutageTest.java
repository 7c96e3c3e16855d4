package dev.tranche.application;

import static dev.tranche.application.OriginationHarness.accept;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tranche.common.WorkflowIds;
import dev.tranche.marketplace.LenderQuotes;
import dev.tranche.marketplace.QuoteRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider outage is never a decision about the borrower: quotes are asked again while no lender
 * answered, a step that cannot be done parks the application for ops (NEEDS_ATTENTION, borrower
 * told), and a lender that stays down through the funding window is compensated and the borrower told.
 */
class ProviderOutageTest {

  private final OriginationHarness h = new OriginationHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** Quote window 60 s, attention window 1 h, funding window 10 min. */
  private static ProcessSettings settings() {
    return new ProcessSettings(3600, 7 * 24 * 3600, 600, 300, 3, 0, 0, null, 0, null, 0, 60, 3600, 600);
  }

  @Test
  void given_lenders_fail_for_a_while_then_recover_the_borrower_is_offered_without_anyone_stepping_in() {
    AtomicInteger asked = new AtomicInteger();
    doAnswer(call -> {
      if (asked.incrementAndGet() <= 6) {
        throw ApplicationFailure.newFailure("lender answered 503", "LenderDown");
      }
      return OriginationHarness.quotes(call.getArgument(0), h.env.currentTimeMillis());
    }).when(h.market).requestQuotes(any());
    LoanApplicationWorkflow workflow = h.start(settings());
    h.env.sleep(Duration.ofSeconds(30));
    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);
    assertThat(offered.offers()).isNotEmpty();
    verify(h.store, never()).recordAdverseAction(any());
  }

  @Test
  void given_every_lender_down_past_the_quote_window_then_ops_are_asked_and_a_resume_brings_offers() {
    doThrow(ApplicationFailure.newFailure("down", "LenderDown")).when(h.market).requestQuotes(any());
    LoanApplicationWorkflow workflow = h.start(settings());
    h.env.sleep(Duration.ofMinutes(5));
    ApplicationView parked = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.NEEDS_ATTENTION);
    assertThat(parked.reasonCodes()).containsExactly("QUOTES_UNAVAILABLE");
    verify(h.sms).sendSms(argThat(s -> s.template().equals("delayed")));
    verify(h.store, never()).recordAdverseAction(any());

    doAnswer(call -> OriginationHarness.quotes(call.getArgument(0), h.env.currentTimeMillis()))
        .when(h.market).requestQuotes(any());
    workflow.resume();
    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);
    assertThat(offered.offers()).isNotEmpty();
    when(h.lender.requestDisbursement(any())).thenReturn(new dev.tranche.disbursement.LenderLoan("LL-1", "FUNDED",
        h.env.currentTimeMillis()));
    workflow.acceptOffer(accept(offered.offers().getFirst().offerId()));
    assertThat(h.result().status()).isEqualTo(ApplicationStatus.FUNDED);
    h.recordHistory(WorkflowIds.application(h.applicationId), "application-parked-resumed-funded");
  }

  @Test
  void given_every_lender_answers_without_a_quote_then_that_is_a_decision_and_it_is_declined() {
    doAnswer(call -> new LenderQuotes(((QuoteRequest) call.getArgument(0)).lender(), List.of(), false))
        .when(h.market).requestQuotes(any());
    h.start(settings());
    ApplicationOutcome outcome = h.result();
    assertThat(outcome.status()).isEqualTo(ApplicationStatus.DECLINED);
    assertThat(outcome.reasonCodes()).containsExactly("NO_LENDER_OFFERS");
  }

  @Test
  void given_the_bureau_stays_down_and_nobody_resumes_then_the_application_expires_instead_of_hanging() {
    when(h.bureau.pullCredit(any())).thenThrow(ApplicationFailure.newFailure("bureau answered 503", "BureauDown"));
    h.start(settings());
    ApplicationOutcome outcome = h.result();
    assertThat(outcome.status()).isEqualTo(ApplicationStatus.EXPIRED);
    assertThat(outcome.reasonCodes()).containsExactly("VERIFICATION_UNAVAILABLE");
    verify(h.store, atLeast(1)).markStatus(argThat(s -> s.status() == ApplicationStatus.NEEDS_ATTENTION));
    verify(h.sms).sendSms(argThat(s -> s.template().equals("delayed")));
    verify(h.store, never()).recordAdverseAction(any());
  }

  @Test
  void given_the_lender_answers_503_through_the_funding_window_then_its_loan_is_cancelled_and_the_borrower_told() {
    when(h.lender.createLoan(any())).thenThrow(ApplicationFailure.newFailure("lender answered 503", "LenderDown"));
    LoanApplicationWorkflow workflow = h.start(settings());
    ApplicationView offered = h.awaitStatus(workflow, v -> v.status() == ApplicationStatus.OFFERED);
    workflow.acceptOffer(accept(offered.offers().getFirst().offerId()));
    ApplicationOutcome outcome = h.result();
    assertThat(outcome.status()).isEqualTo(ApplicationStatus.FAILED);
    assertThat(outcome.reasonCodes()).containsExactly("LENDER_UNAVAILABLE");
    // The creation's answer never came: the loan is cancelled by our reference, at the lender that quoted.
    verify(h.lender).cancelLoan(argThat(c -> c.lenderLoanId() == null && c.lender().equals(offered.offers()
        .getFirst().lender()) && c.idempotencyKey().endsWith(":cancel")));
    verify(h.sms).sendSms(argThat(s -> s.template().equals("funding-failed")));
    verify(h.loans, never()).bookFundedLoan(any());
    h.recordHistory(WorkflowIds.disbursement(outcome.loanId() == null ? "" : outcome.loanId()),
        "disbursement-lender-unavailable");
  }
}
