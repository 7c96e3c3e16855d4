package dev.tranche.activities.lender;

import dev.tranche.activities.application.ApplicantPii;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.verification.ProviderClients;
import dev.tranche.common.FailureType;
import dev.tranche.disbursement.LenderActivities;
import dev.tranche.disbursement.LenderCommand;
import dev.tranche.disbursement.LenderLoan;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The lender's loan API over HTTP. The workflow's idempotency key travels as {@code Idempotency-Key}. */
@Component("lenderActivities")
class LenderActivitiesImpl implements LenderActivities {

  private final ProviderClients providers;
  private final ApplicantStore applicants;

  LenderActivitiesImpl(ProviderClients providers, ApplicantStore applicants) {
    this.providers = providers;
    this.applicants = applicants;
  }

  @Override
  public LenderLoan createLoan(LenderCommand command) {
    ApplicantPii pii = applicants.loadPii(command.applicationId(), "system:lender", "lender loan creation");
    JsonNode answer = providers.lender().post("/lender/v1/loans", Map.of(
        "reference", command.loanId(),
        "amount", command.amount().amount().toPlainString(),
        "currency", command.amount().currency().getCurrencyCode(),
        "borrower", Map.of("firstName", pii.firstName(), "lastName", pii.lastName(), "ssn", pii.ssn(),
            "dateOfBirth", pii.dateOfBirth().toString())),
        Map.of("Idempotency-Key", command.idempotencyKey()), null);
    return toLoan(answer);
  }

  @Override
  public LenderLoan requestDisbursement(LenderCommand command) {
    JsonNode answer = providers.lender().post(
        "/lender/v1/loans/" + command.lenderLoanId() + "/disbursements",
        Map.of("amount", command.amount().amount().toPlainString()),
        Map.of("Idempotency-Key", command.idempotencyKey()), null);
    return toLoan(answer);
  }

  @Override
  public LenderLoan fetchStatus(LenderCommand command) {
    return toLoan(providers.lender().get("/lender/v1/loans/" + command.lenderLoanId(), FailureType.LENDER_REJECTED));
  }

  @Override
  public void cancelLoan(LenderCommand command) {
    if (command.lenderLoanId() == null) {
      return;
    }
    providers.lender().post("/lender/v1/loans/" + command.lenderLoanId() + "/cancel",
        Map.of("reason", command.reason() == null ? "" : command.reason()),
        Map.of("Idempotency-Key", command.idempotencyKey()), FailureType.LENDER_REJECTED);
  }

  private static LenderLoan toLoan(JsonNode answer) {
    String fundedAt = answer.path("fundedAt").asString(null);
    return new LenderLoan(answer.path("lenderLoanId").asString(), answer.path("status").asString(),
        fundedAt == null ? 0 : Instant.parse(fundedAt).toEpochMilli());
  }
}
