package dev.tranche.activities.disbursement;

import dev.tranche.activities.application.ApplicantPii;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.pool.PoolLending;
import dev.tranche.activities.support.BusinessClock;
import dev.tranche.activities.verification.ProviderClients;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.common.FailureType;
import dev.tranche.disbursement.LenderActivities;
import dev.tranche.disbursement.LenderCommand;
import dev.tranche.disbursement.LenderLoan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The lender's loan API over HTTP. The workflow's idempotency key travels as {@code Idempotency-Key}. The
 * liquidity pool, a lender without an HTTP loan API, is funded on chain by {@link PoolLending}.
 */
@Component("lenderActivities")
class LenderActivitiesImpl implements LenderActivities {

  private final ProviderClients providers;
  private final ApplicantStore applicants;
  private final PoolLending pool;

  LenderActivitiesImpl(ProviderClients providers, ApplicantStore applicants, PoolLending pool) {
    this.providers = providers;
    this.applicants = applicants;
    this.pool = pool;
  }

  @Override
  public LenderLoan createLoan(LenderCommand command) {
    if (pool.isPool(command.lender())) {
      return pool.create(command);
    }
    ApplicantPii pii = applicants.loadPii(command.applicationId(), "system:lender", "lender loan creation");
    JsonNode answer = providers.lender(command.lender()).post("/v1/loans", Map.of(
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
    if (pool.isPool(command.lender())) {
      return pool.disburse(command, BusinessClock.ofActivity().toEpochMilli());
    }
    JsonNode answer = providers.lender(command.lender()).post(
        "/v1/loans/" + command.lenderLoanId() + "/disbursements",
        Map.of("amount", command.amount().amount().toPlainString()),
        Map.of("Idempotency-Key", command.idempotencyKey()), null);
    return toLoan(answer);
  }

  @Override
  public LenderLoan fetchStatus(LenderCommand command) {
    if (pool.isPool(command.lender())) {
      return pool.status(command);
    }
    return toLoan(providers.lender(command.lender()).get("/v1/loans/" + command.lenderLoanId(),
        FailureType.LENDER_REJECTED));
  }

  /**
   * Cancels the loan; without the lender's id (the answer to its creation was lost) every loan the
   * lender holds under our reference is cancelled, so a loan it did create is never left behind.
   */
  @Override
  public void cancelLoan(LenderCommand command) {
    if (pool.isPool(command.lender())) {
      pool.cancel(command);
      return;
    }
    ProviderHttp lender = providers.lender(command.lender());
    List<String> ids = new ArrayList<>();
    if (command.lenderLoanId() != null) {
      ids.add(command.lenderLoanId());
    } else {
      lender.get("/v1/loans?reference=" + command.loanId(), null).path("loans")
          .forEach(loan -> ids.add(loan.path("lenderLoanId").asString()));
    }
    for (String id : ids) {
      lender.post("/v1/loans/" + id + "/cancel", Map.of("reason", command.reason() == null ? "" : command.reason()),
          Map.of("Idempotency-Key", command.idempotencyKey()), FailureType.LENDER_REJECTED);
    }
  }

  private static LenderLoan toLoan(JsonNode answer) {
    String fundedAt = answer.path("fundedAt").asString(null);
    return new LenderLoan(answer.path("lenderLoanId").asString(), answer.path("status").asString(),
        fundedAt == null ? 0 : Instant.parse(fundedAt).toEpochMilli());
  }
}
