package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.common.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Defects found by fault runs as a new user would try them, each kept fixed by a test over HTTP. */
@Order(5)
class FaultDefectsTest extends FullStackTest {

  private static final String NUL = "\u0000";

  @Autowired WorkflowClient temporal;

  @Test
  void a_nul_in_free_text_is_refused_at_the_edge_and_the_clean_retry_goes_through() {
    String borrower = "nul-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    Map<String, Object> named = application("111-11-1111");
    @SuppressWarnings("unchecked")
    Map<String, Object> applicant = new java.util.LinkedHashMap<>((Map<String, Object>) named.get("applicant"));
    applicant.put("firstName", "Ada" + NUL);
    named.put("applicant", applicant);
    long applications = count("applications");
    var refused = http.post("/api/v1/applications", token, named);
    assertThatProblem(refused, 400);
    assertThat(refused.json().path("detail").asString()).contains("NUL");
    assertThat(count("applications")).isEqualTo(applications);

    String id = submit(borrower, "111-11-1111");
    awaitApplication(id, token, status("OFFERED"));
    String offerId = http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").get(0)
        .path("offerId").asString();
    assertThatProblem(http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offerId, "signatureName", "Ada" + NUL + "Prime")), 400);
    assertThat(count("signatures where application_id = '" + id + "'")).isZero();
    assertThat(http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offerId, "signatureName", "Ada Prime")).status()).as("the acceptance was not burnt")
        .isEqualTo(200);
    String loanId = awaitApplication(id, token, status("FUNDED")).path("loanId").asString();

    String ops = token("ops-nul", "OPS");
    assertThatProblem(http.post("/api/v1/loans/" + loanId + "/reschedule", ops,
        Map.of("remainingInstallments", 18, "reason", "hardship" + NUL)), 400);
    var rescheduled = http.post("/api/v1/loans/" + loanId + "/reschedule", ops,
        Map.of("remainingInstallments", 18, "reason", "hardship"));
    assertThat(rescheduled.status()).as(rescheduled.text()).isEqualTo(200);
    assertThat(rescheduled.json().path("scheduleVersion").asInt()).isEqualTo(2);
    JsonNode loan = http.get("/api/v1/loans/" + loanId, token).json();
    assertThat(loan.path("termMonths").asInt()).as("the loan's term follows the new schedule").isEqualTo(18);
    assertThat(amount(loan.path("monthlyPayment")))
        .isEqualByComparingTo(amount(loan.path("schedule").get(0).path("total")));

    assertThatProblem(http.get("/api/v1/reviews?status=OPEN%00", token("uw-nul", "UNDERWRITER")), 400);
  }

  @Test
  void review_notes_with_a_nul_are_refused_and_the_review_is_then_decided() {
    String borrower = "nul-review-" + UUID.randomUUID();
    String id = submit(borrower, "222-22-2222");
    String uw = token("uw-nul-" + UUID.randomUUID(), "UNDERWRITER");
    awaitReview(id, uw);
    assertThat(http.post("/api/v1/reviews/" + id + "/claim", uw, Map.of()).status()).isEqualTo(200);
    assertThatProblem(http.post("/api/v1/reviews/" + id + "/decision", uw, Map.of("verdict", "APPROVE",
        "reasonCodes", List.of("VERIFIED_INCOME"), "notes", "fine" + NUL)), 400);
    var decided = http.post("/api/v1/reviews/" + id + "/decision", uw, Map.of("verdict", "APPROVE",
        "reasonCodes", List.of("VERIFIED_INCOME"), "notes", "fine"));
    assertThat(decided.status()).as(decided.text()).isEqualTo(200);
    awaitApplication(id, token(borrower, "BORROWER"), status("OFFERED"));
  }

  @Test
  void resubmitting_a_funded_application_returns_it_as_it_is_and_runs_nothing_again() {
    String borrower = "resubmit-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    Map<String, String> key = Map.of("Idempotency-Key", "resubmit-" + UUID.randomUUID());
    String id = http.post("/api/v1/applications", token, application("111-11-1111"), key).json()
        .path("applicationId").asString();
    awaitApplication(id, token, status("OFFERED"));
    String offerId = http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").get(0)
        .path("offerId").asString();
    http.post("/api/v1/applications/" + id + "/acceptance", token, Map.of("offerId", offerId, "signatureName", "Ada"));
    awaitApplication(id, token, status("FUNDED"));
    String run = runId(WorkflowIds.application(id));

    var again = http.post("/api/v1/applications", token, application("111-11-1111"), key);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("applicationId").asString()).isEqualTo(id);
    assertThat(again.json().path("status").asString()).isEqualTo("FUNDED");
    sleep(1_000);
    assertThat(runId(WorkflowIds.application(id))).as("no second run").isEqualTo(run);
    assertThat(http.get("/api/v1/applications/" + id, token).json().path("status").asString()).isEqualTo("FUNDED");
  }

  @Test
  void an_underwriter_may_not_claim_or_decide_their_own_application() {
    String subject = "uw-applicant-" + UUID.randomUUID();
    String both = token(subject, "BORROWER", "UNDERWRITER");
    var submitted = http.post("/api/v1/applications", both, application("222-22-2222"));
    String id = submitted.json().path("applicationId").asString();
    awaitReview(id, both);
    var claim = http.post("/api/v1/reviews/" + id + "/claim", both, Map.of());
    assertThatProblem(claim, 409);
    assertThat(claim.json().path("detail").asString()).contains("their own application");
    String colleague = token("uw-colleague-" + UUID.randomUUID(), "UNDERWRITER");
    assertThat(http.post("/api/v1/reviews/" + id + "/claim", colleague, Map.of()).status()).isEqualTo(200);
    assertThatProblem(http.post("/api/v1/reviews/" + id + "/decision", both, Map.of("verdict", "APPROVE",
        "reasonCodes", List.of("VERIFIED_INCOME"))), 409);
    assertThat(http.get("/api/v1/applications/" + id, both).json().path("status").asString()).isEqualTo("IN_REVIEW");
    // A colleague decides it (and the queue is left as it was found for the classes after this one).
    assertThat(http.post("/api/v1/reviews/" + id + "/decision", colleague, Map.of("verdict", "APPROVE",
        "reasonCodes", List.of("VERIFIED_INCOME"))).status()).isEqualTo(200);
  }

  @Test
  void a_borrower_learns_the_payment_reference_from_the_loan_the_statement_and_the_funding_text() {
    String borrower = "reference-" + UUID.randomUUID();
    String loanId = fundedLoan(borrower);
    String token = token(borrower, "BORROWER");
    String reference = http.get("/api/v1/loans/" + loanId, token).json().path("paymentReference").asString();
    assertThat(reference).matches("^TR[0-9A-F]{12}$");
    assertThat(http.get("/api/v1/loans/" + loanId + "/statement", token).json().path("paymentReference").asString())
        .isEqualTo(reference);
    var texts = awaitHttp(() -> http.get(FullStack.sandbox().baseUrl() + "/sandbox/twilio/messages", null),
        r -> r.text().contains("quote reference " + reference));
    assertThat(texts.text()).contains("quote reference " + reference);
  }

  @Test
  void the_lender_that_quoted_funds_the_loan_signs_its_own_webhook_and_is_booked() {
    String borrower = "quoting-lender-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    String id = submit(borrower, "111-11-1111");
    JsonNode offer = firstOffer(id, token);
    String lender = offer.path("lender").asString();
    assertThat(lender).isIn("northwind", "bluebank", "cedar");
    http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offer.path("offerId").asString(), "signatureName", "Ada Prime"));
    // FUNDED through the webhook, which only that lender's own secret could have signed.
    String loanId = awaitApplication(id, token, status("FUNDED")).path("loanId").asString();
    assertThat(http.get("/api/v1/loans/" + loanId, token).json().path("lender").asString()).isEqualTo(lender);
    JsonNode atLender = Http.JSON.readTree(http.get(FullStack.sandbox().baseUrl() + "/sandbox/lender/loans", null)
        .text()).valueStream().filter(l -> l.path("reference").asString().equals(loanId)).findFirst().orElseThrow();
    assertThat(atLender.path("lender").asString()).isEqualTo(lender);
    assertThat(count("ledger_entries e join ledger_accounts a on a.id = e.account_id join ledger_transfers t"
        + " on t.id = e.transfer_id where a.code = 'lender:" + lender + ":funding' and t.loan_id = '" + loanId + "'"))
        .isEqualTo(1);
  }

  @Test
  void a_lender_down_through_the_funding_window_ends_the_application_failed_with_its_loan_cancelled() {
    String borrower = "lender-down-" + UUID.randomUUID();
    String token = token(borrower, "BORROWER");
    String id = submit(borrower, "111-11-1111");
    JsonNode offer = firstOffer(id, token);
    String lender = offer.path("lender").asString();
    fundingErrorRate(lender, 1.0);
    try {
      http.post("/api/v1/applications/" + id + "/acceptance", token,
          Map.of("offerId", offer.path("offerId").asString(), "signatureName", "Ada Prime"));
      JsonNode failed = awaitApplication(id, token, status("FAILED", "FUNDED"));
      assertThat(failed.path("status").asString()).isEqualTo("FAILED");
      assertThat(failed.path("reasonCodes").toString()).contains("LENDER_UNAVAILABLE");
    } finally {
      fundingErrorRate(lender, 0.0);
    }
    assertThat(count("loans where application_id = '" + id + "'")).isZero();
  }

  /** The first (cheapest) offer of an application, once it is OFFERED. */
  private JsonNode firstOffer(String id, String token) {
    awaitApplication(id, token, status("OFFERED"));
    return http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").get(0);
  }

  private void fundingErrorRate(String lender, double rate) {
    http.post(FullStack.sandbox().baseUrl() + "/sandbox/lenders/" + lender + "/funding-knobs", null,
        Map.of("errorRate", rate));
  }

  private String runId(String workflowId) {
    return temporal.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
        .getWorkflowExecutionInfo().getExecution().getRunId();
  }
}
