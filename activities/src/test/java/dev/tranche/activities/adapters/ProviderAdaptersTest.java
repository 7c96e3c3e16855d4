package dev.tranche.activities.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.Fixtures;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.disbursement.LenderActivities;
import dev.tranche.disbursement.LenderCommand;
import dev.tranche.money.Money;
import dev.tranche.verification.BankDataActivities;
import dev.tranche.verification.BureauActivities;
import dev.tranche.verification.KycActivities;
import dev.tranche.verification.VerificationRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real adapters against the sandbox over real HTTP. */
class ProviderAdaptersTest extends ActivitiesIntegrationTest {

  @Autowired ApplicantStore store;
  @Autowired KycActivities kyc;
  @Autowired BureauActivities bureau;
  @Autowired BankDataActivities bank;
  @Autowired NotificationActivities sms;
  @Autowired LenderActivities lender;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @AfterEach
  void resetKnobs() throws Exception {
    knobs("{\"errorRate\":0,\"latencyMillis\":0}");
  }

  private String applicationFor(String ssn) {
    var application = Fixtures.application(ssn);
    store.create(application);
    return application.applicationId();
  }

  @Test
  void prime_persona_is_verified_scored_and_banked() {
    var request = new VerificationRequest(applicationFor("111-11-1111"));
    assertThat(kyc.verifyIdentity(request).identityVerified()).isTrue();
    assertThat(bureau.pullCredit(request).score()).isEqualTo(782);
    assertThat(bank.summariseBankData(request).monthlyIncome()).isEqualTo(Money.of("8500.00", "USD"));
  }

  @Test
  void unknown_identity_is_a_non_retryable_business_failure() {
    var request = new VerificationRequest(applicationFor("666-66-6666"));
    assertThatThrownBy(() -> kyc.verifyIdentity(request)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.getType()).isEqualTo("IDENTITY_NOT_FOUND");
      assertThat(f.isNonRetryable()).isTrue();
    });
  }

  @Test
  void a_failing_provider_is_a_transient_fault_for_temporal_to_retry() throws Exception {
    var request = new VerificationRequest(applicationFor("111-11-1111"));
    knobs("{\"errorRate\":1.0}");
    assertThatThrownBy(() -> bureau.pullCredit(request)).isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("503");
  }

  @Test
  void a_repeated_sms_is_sent_once() throws Exception {
    String applicationId = applicationFor("111-11-1111");
    Sms message = new Sms(applicationId + ":offers", applicationId, "offers", Map.of("count", "3"));
    String first = sms.sendSms(message);
    String second = sms.sendSms(message);
    assertThat(second).isEqualTo(first).startsWith("SM");
    assertThat(get("/sandbox/twilio/messages")).containsOnlyOnce(first);
  }

  @Test
  void a_text_twilio_refused_is_sent_on_the_retry_and_one_whose_sid_was_lost_is_never_sent_twice() throws Exception {
    String applicationId = applicationFor("111-11-1111");
    Sms refused = new Sms(applicationId + ":refused", applicationId, "offers", Map.of("count", "2"));
    knobs("{\"errorRate\":1.0}");
    try {
      assertThatThrownBy(() -> sms.sendSms(refused)).isInstanceOf(RuntimeException.class);
    } finally {
      knobs("{\"errorRate\":0}");
    }
    assertThat(jdbc.sql("select count(*) from sms_messages where idempotency_key = ?").param(refused.idempotencyKey())
        .query(Long.class).single()).as("the claim was released").isZero();
    String sid = sms.sendSms(refused);
    assertThat(get("/sandbox/twilio/messages")).containsOnlyOnce(sid);

    // Twilio accepted it, but PostgreSQL lost the SID (the claim stayed SENDING): the retry does not send again.
    Sms lost = new Sms(applicationId + ":lost", applicationId, "offers", Map.of("count", "1"));
    jdbc.sql("""
            insert into sms_messages (idempotency_key, application_id, template, provider_sid, status)
            values (?, ?::uuid, 'offers', '', 'SENDING')""").params(lost.idempotencyKey(), applicationId).update();
    String before = get("/sandbox/twilio/messages");
    assertThat(sms.sendSms(lost)).isEqualTo("unconfirmed");
    assertThat(get("/sandbox/twilio/messages")).isEqualTo(before);
    assertThat(jdbc.sql("select status from sms_messages where idempotency_key = ?").param(lost.idempotencyKey())
        .query(String.class).single()).isEqualTo("UNCONFIRMED");
  }

  @Test
  void the_lender_creates_one_loan_per_idempotency_key_and_rejects_the_failing_persona() throws Exception {
    String applicationId = applicationFor("555-55-5555");
    String loanId = UUID.randomUUID().toString();
    var create = new LenderCommand(loanId + ":create", "sandbox-lender", loanId, applicationId, null,
        Money.of("11880.00", "USD"), null);
    var first = lender.createLoan(create);
    var again = lender.createLoan(create);
    assertThat(again.lenderLoanId()).isEqualTo(first.lenderLoanId());
    assertThatThrownBy(() -> lender.requestDisbursement(new LenderCommand(loanId + ":disburse", "sandbox-lender",
        loanId, applicationId, first.lenderLoanId(), Money.of("11880.00", "USD"), null)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("LENDER_REJECTED"));
    assertThat(get("/sandbox/lender/loans")).containsOnlyOnce(loanId);
  }

  @Test
  void a_loan_is_created_at_the_lender_that_quoted_it_and_a_lost_creation_is_cancelled_by_reference()
      throws Exception {
    String applicationId = applicationFor("111-11-1111");
    String loanId = UUID.randomUUID().toString();
    var create = new LenderCommand(loanId + ":create", "cedar", loanId, applicationId, null,
        Money.of("5000.00", "USD"), null);
    lender.createLoan(create);
    JsonNode held = JSON.readTree(get("/sandbox/lender/loans")).valueStream()
        .filter(l -> l.path("reference").asString().equals(loanId)).findFirst().orElseThrow();
    assertThat(held.path("lender").asString()).isEqualTo("cedar");
    // The answer to the creation was lost: the compensation knows only our reference.
    lender.cancelLoan(new LenderCommand(loanId + ":cancel", "cedar", loanId, applicationId, null,
        Money.of("5000.00", "USD"), "disbursement failed"));
    JsonNode after = JSON.readTree(get("/sandbox/lender/loans")).valueStream()
        .filter(l -> l.path("reference").asString().equals(loanId)).findFirst().orElseThrow();
    assertThat(after.path("status").asString()).isEqualTo("CANCELLED");
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static String get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void knobs(String json) throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/sandbox/knobs"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
