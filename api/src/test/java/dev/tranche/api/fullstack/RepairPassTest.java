package dev.tranche.api.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.testsupport.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The repair pass: PostgreSQL says a process is in progress, Temporal has no workflow for it (a start
 * lost to a crash, a dev server that forgot everything); the process is started again from what
 * PostgreSQL holds, under the same business ids, and nothing is done twice.
 */
@Order(5)
class RepairPassTest extends FullStackTest {

  @Autowired ApplicantStore applicants;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;

  @Test
  void an_application_whose_workflow_start_was_lost_is_started_by_the_repair_pass() {
    var application = Fixtures.application("111-11-1111");
    // The row committed; the process never started (the API died in between).
    applicants.create(application);
    JsonNode offered = awaitApplication(application.applicationId(), token(application.borrowerId(), "BORROWER"),
        status("OFFERED"));
    assertThat(offered.path("status").asString()).isEqualTo("OFFERED");
    assertThat(count("audit_log where action = 'APPLICATION_REPAIRED' and subject_id = '"
        + application.applicationId() + "'")).isEqualTo(1);
  }

  @Test
  void an_application_lost_while_funding_is_funded_once_from_where_postgresql_says_it_stood() throws Exception {
    // What PostgreSQL holds after a restart of a Temporal that kept nothing: the borrower signed an offer,
    // the loan id was fixed and the lender had created its loan, but no workflow runs any more.
    var application = Fixtures.application("111-11-1111");
    String id = application.applicationId();
    String loanId = java.util.UUID.randomUUID().toString();
    tx.executeWithoutResult(status -> {
      applicants.create(application);
      jdbc.sql("""
              insert into offers (application_id, offer_id, tier, lender, principal, currency, term_months, apr,
                monthly_payment, origination_fee, total_of_payments, expires_at, quote_id, conditions)
              values (?::uuid, 'OFR-cedar-12', 'A', 'cedar', 12000.00, 'USD', 12, 7.25, 1039.88, 480.00, 12478.56,
                now() + interval '1 day', 'cedar-q-12', '[]')""").param(id).update();
      jdbc.sql("""
              insert into signatures (application_id, offer_id, signer, signature_name, signed_at, agreement_sha256)
              values (?::uuid, 'OFR-cedar-12', ?, 'Ada Prime', now(), ?)""")
          .params(id, application.borrowerId(), "a".repeat(64)).update();
      jdbc.sql("update applications set status = 'FUNDING', loan_id = ?::uuid where id = ?::uuid")
          .params(loanId, id).update();
    });
    var created = http.post(FullStack.sandbox().baseUrl() + "/lenders/cedar/v1/loans", null,
        Map.of("reference", loanId, "amount", "11520.00"), Map.of("Idempotency-Key", loanId + ":create"));
    assertThat(created.status()).isEqualTo(201);

    String token = token(application.borrowerId(), "BORROWER");
    JsonNode funded = awaitApplication(id, token, status("FUNDED", "FAILED", "EXPIRED"));
    assertThat(funded.path("status").asString()).as(funded.toString()).isEqualTo("FUNDED");
    assertThat(funded.path("loanId").asString()).as("the loan id PostgreSQL held").isEqualTo(loanId);
    long atLender = Http.JSON.readTree(http.get(FullStack.sandbox().baseUrl() + "/sandbox/lender/loans", null).text())
        .valueStream().filter(l -> l.path("reference").asString().equals(loanId)).count();
    assertThat(atLender).as("one loan at the lender").isEqualTo(1);
    assertThat(count("loans where application_id = '" + id + "'")).isEqualTo(1);
    assertThat(count("ledger_transfers where loan_id = '" + loanId + "' and kind = 'DISBURSEMENT'")).isEqualTo(1);
    assertThat(count("audit_log where action = 'APPLICATION_REPAIRED' and subject_id = '" + id + "'")).isEqualTo(1);
  }
}
