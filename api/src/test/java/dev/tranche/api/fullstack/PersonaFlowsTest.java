package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Each documented persona from application to its end state, over HTTP against the embedded
 * stack, asserting the status, the stored schedule, the ledger and the texts the sandbox received.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class PersonaFlowsTest extends FullStackTest {

  private JsonNode acceptFirstOffer(String borrower, String id) {
    String token = token(borrower, "BORROWER");
    JsonNode offers = http.get("/api/v1/applications/" + id + "/offers", token).json().path("offers");
    assertThat(offers.size()).isBetween(2, 3);
    String offerId = offers.get(1 % offers.size()).path("offerId").asString();
    var accepted = http.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offerId, "signatureName", "Ada Prime"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertThat(accepted.json().path("agreementSha256").asString()).hasSize(64);
    return offers.get(1 % offers.size());
  }


  /** Accepts an offer, waits for funding and checks the loan; returns the loan id. */
  private String acceptAndFund(String borrower, String id, String token) {
    JsonNode offer = acceptFirstOffer(borrower, id);
    JsonNode funded = awaitApplication(id, token, status("FUNDED", "FAILED"));
    assertThat(funded.path("status").asString()).isEqualTo("FUNDED");
    String loanId = funded.path("loanId").asString();
    assertFundedLoan(id, loanId, token, offer.path("termMonths").asInt());
    return loanId;
  }

  /** The stored schedule repays exactly the principal, the ledger is balanced, the borrower was texted. */
  private void assertFundedLoan(String id, String loanId, String token, int term) {
    JsonNode loan = http.get("/api/v1/loans/" + loanId, token).json();
    assertThat(loan.path("schedule").size()).isEqualTo(term);
    BigDecimal principalRepaid = BigDecimal.ZERO;
    for (JsonNode installment : loan.path("schedule")) {
      principalRepaid = principalRepaid.add(amount(installment.path("principal")));
    }
    assertThat(principalRepaid).isEqualByComparingTo("12000.00");
    assertThat(amount(loan.path("schedule").get(term - 1).path("balanceAfter"))).isEqualByComparingTo("0");
    assertThat(count("installments where loan_id = '" + loanId + "'")).isEqualTo(term);

    var legs = jdbc.sql("""
            select e.direction, sum(e.amount) from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
             where t.idempotency_key = ? group by e.direction order by e.direction""")
        .param("disbursement:" + loanId)
        .query((rs, n) -> rs.getBigDecimal(2)).list();
    assertThat(legs).hasSize(2);
    assertThat(legs.get(0)).isEqualByComparingTo(legs.get(1)).isEqualByComparingTo("12000.00");
    BigDecimal receivable = jdbc.sql("""
            select sum(case when e.direction = 'D' then e.amount else -e.amount end)
              from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = ?""")
        .param("loan:" + loanId + ":principal").query(BigDecimal.class).single();
    assertThat(receivable).isEqualByComparingTo("12000.00");
    assertThat(smsSent()).contains("application " + id.substring(0, 8) + " is funded");
  }

  @Test
  @Order(1)
  void prime_borrower_is_funded_with_a_schedule_a_balanced_ledger_and_a_text() {
    String borrower = "prime-" + UUID.randomUUID();
    String id = submit(borrower, "111-11-1111");
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("OFFERED"));
    String loanId = acceptAndFund(borrower, id, token);
    assertThat(http.get("/api/v1/loans/" + loanId, token("stranger", "BORROWER")).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/applications/" + id, token("stranger", "BORROWER")).status()).isEqualTo(404);
  }

  @Test
  @Order(2)
  void thin_file_borrower_goes_to_review_and_an_underwriter_approves() {
    String borrower = "thin-" + UUID.randomUUID();
    String id = submit(borrower, "222-22-2222");
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("IN_REVIEW"));
    String underwriter = token("uw-1", "UNDERWRITER");
    long deadline = System.currentTimeMillis() + 10_000;
    while (!http.get("/api/v1/reviews", underwriter).text().contains(id) && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    assertThat(http.get("/api/v1/reviews?status=OPEN", underwriter).text()).contains(id);
    assertThat(http.post("/api/v1/reviews/" + id + "/decision", token, Map.of("verdict", "APPROVE")).status())
        .isEqualTo(403);
    assertThatProblem(http.post("/api/v1/reviews/" + id + "/decision", underwriter,
        Map.of("verdict", "APPROVE", "reasonCodes", List.of("VERIFIED_INCOME"))), 409);
    assertThat(http.post("/api/v1/reviews/" + id + "/claim", underwriter, Map.of()).status()).isEqualTo(200);
    var decided = http.post("/api/v1/reviews/" + id + "/decision", underwriter,
        Map.of("verdict", "APPROVE", "reasonCodes", List.of("VERIFIED_INCOME"), "notes", "bank statements ok"));
    assertThat(decided.status()).as(decided.text()).isEqualTo(200);
    assertThat(http.post("/api/v1/reviews/" + id + "/decision", underwriter, Map.of("verdict", "DECLINE",
        "reasonCodes", List.of("CHANGED_MIND"))).status()).isEqualTo(409);
    awaitApplication(id, token, status("OFFERED"));
    acceptAndFund(borrower, id, token);
  }

  @ParameterizedTest
  @Order(3)
  @CsvSource({"333-33-3333, RECENT_BANKRUPTCY", "444-44-4444, SANCTIONS_HIT"})
  void declined_borrowers_get_the_reason_and_a_text(String ssn, String reason) {
    String borrower = "declined-" + UUID.randomUUID();
    String id = submit(borrower, ssn);
    JsonNode declined = awaitApplication(id, token(borrower, "BORROWER"), status("DECLINED"));
    assertThat(declined.path("reasonCodes").toString()).contains(reason);
    assertThat(smsSent()).contains("could not approve application " + id.substring(0, 8));
    JsonNode notice = http.get("/api/v1/applications/" + id + "/adverse-action-notice", token(borrower, "BORROWER"))
        .json();
    assertThat(notice.path("principalReasons").size()).isBetween(1, 4);
    assertThat(notice.path("scoreRangeLow").asInt()).isEqualTo(300);
    assertThat(notice.path("scoreRangeHigh").asInt()).isEqualTo(850);
    assertThat(notice.path("notice").asString()).contains("Principal reasons").contains("Equal Credit Opportunity Act");
    assertThat(http.get("/api/v1/applications/" + id + "/adverse-action-notice", token("stranger", "BORROWER"))
        .status()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void lender_failure_is_compensated_and_the_borrower_told() {
    String borrower = "lenderfail-" + UUID.randomUUID();
    String id = submit(borrower, "555-55-5555");
    String token = token(borrower, "BORROWER");
    awaitApplication(id, token, status("OFFERED"));
    acceptFirstOffer(borrower, id);
    JsonNode failed = awaitApplication(id, token, status("FAILED", "FUNDED"));
    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    assertThat(failed.path("reasonCodes").toString()).contains("LENDER_REJECTED");
    assertThat(smsSent()).contains("could not fund application " + id.substring(0, 8));
    String lenderLoans = http.get(FullStack.sandbox().baseUrl() + "/sandbox/lender/loans", null).text();
    assertThat(lenderLoans).contains("CANCELLED");
    assertThat(count("loans where application_id = '" + id + "'")).isZero();
  }

  @Test
  @Order(6)
  void ops_reads_every_workflow_and_its_decoded_history() {
    String ops = token("ops-1", "OPS");
    JsonNode list = http.get("/api/v1/ops/workflows?type=LoanApplicationWorkflow", ops).json();
    assertThat(list.path("workflows").size()).isGreaterThanOrEqualTo(5);
    String workflowId = list.path("workflows").get(0).path("workflowId").asString();
    JsonNode history = http.get("/api/v1/ops/workflows/" + workflowId + "/history", ops).json();
    assertThat(history.path("events").size()).isGreaterThan(10);
    assertThat(history.path("events").get(0).path("attributes").toString()).contains("applicationId");
    assertThat(http.get("/api/v1/ops/workflows/" + workflowId + "/history", token("b", "BORROWER")).status())
        .isEqualTo(403);
    assertThat(http.get("/v3/api-docs", null).text()).contains("/api/v1/applications", "/api/v1/reviews");
  }
}
