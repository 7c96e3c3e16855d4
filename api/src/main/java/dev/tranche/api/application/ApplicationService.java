package dev.tranche.api.application;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.application.ApplicationProcesses;
import dev.tranche.activities.support.Json;
import dev.tranche.activities.application.NewApplication;
import dev.tranche.api.web.Idempotency;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.application.CollateralChoice;
import dev.tranche.money.Money;
import dev.tranche.partner.PartnerRef;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Submits applications: store first (PII encrypted), then start the workflow by its business id. */
@Service
public class ApplicationService {

  private final ApplicantStore applicants;
  private final Idempotency idempotency;
  private final TransactionTemplate tx;
  private final ApplicationProcesses processes;
  private final ChainProperties chains;
  private final JdbcClient jdbc;

  ApplicationService(ApplicantStore applicants, Idempotency idempotency, TransactionTemplate tx,
      ApplicationProcesses processes, ChainProperties chains, JdbcClient jdbc) {
    this.chains = chains;
    this.jdbc = jdbc;
    this.applicants = applicants;
    this.idempotency = idempotency;
    this.tx = tx;
    this.processes = processes;
  }

  /** Result of a submission: the application id and whether this call created it. */
  record Submitted(String applicationId, boolean created) {
  }

  Submitted submit(String borrowerId, ApplicationRequest request, String idempotencyKey, String requestHash) {
    CollateralChoice collateral = collateral(request.collateral());
    String applicationId = UUID.randomUUID().toString();
    Optional<String> earlier = tx.execute(status -> {
      if (idempotencyKey != null) {
        Optional<String> repeat = idempotency.claim("applications:" + borrowerId, idempotencyKey, requestHash,
            applicationId);
        if (repeat.isPresent()) {
          return repeat;
        }
      }
      applicants.create(toNew(applicationId, borrowerId, request));
      if (collateral != null) {
        jdbc.sql("update applications set collateral = ?::jsonb where id = ?::uuid")
            .params(Json.write(collateral), applicationId).update();
      }
      return Optional.empty();
    });
    String id = earlier.orElse(applicationId);
    // A repeat starts the process only while the application has not begun (its start was lost to a
    // crash): a process that ran, or finished, is returned as it is. Temporal's own duplicate check
    // cannot be relied on for that, since it forgets closed runs after their retention.
    if (earlier.isEmpty() || notStarted(id)) {
      startProcess(id, borrowerId, request.requestedAmount().amount(), request.requestedAmount().currency(),
          request.purpose(), null, collateral);
    }
    return new Submitted(id, earlier.isEmpty());
  }

  private boolean notStarted(String applicationId) {
    return "SUBMITTED".equals(jdbc.sql("select status from applications where id = ?::uuid").param(applicationId)
        .query(String.class).optional().orElse(null));
  }

  /**
   * Starts the application's workflow with today's process settings. Idempotent by application id:
   * a second start of the same application is a no-op.
   */
  public void startProcess(String applicationId, String borrowerId, BigDecimal amount, String currency,
      String purpose, PartnerRef partner) {
    startProcess(applicationId, borrowerId, amount, currency, purpose, partner, null);
  }

  /** As above, for the collateralised product when {@code collateral} is given. */
  public void startProcess(String applicationId, String borrowerId, BigDecimal amount, String currency,
      String purpose, PartnerRef partner, CollateralChoice collateral) {
    processes.start(applicationId, borrowerId, new Money(amount, Currency.getInstance(currency)), purpose, partner,
        collateral, null);
  }

  /** The product's chain must be configured (and have a stablecoin for wallet payouts); checked before anything is written. */
  private CollateralChoice collateral(ApplicationRequest.Collateral requested) {
    if (requested == null) {
      return null;
    }
    var chain = chains.chains() == null ? null : chains.chains().get(requested.chain());
    if (chain == null) {
      throw ApiProblem.badRequest("collateral.chain: no chain named " + requested.chain() + " is configured");
    }
    if (requested.walletPayout() && (chain.stablecoinAddress() == null || chain.stablecoinAddress().isBlank())) {
      throw ApiProblem.badRequest("collateral.payout: chain " + requested.chain() + " has no stablecoin for WALLET");
    }
    return new CollateralChoice(requested.chain(), requested.walletAddress(), requested.walletPayout());
  }

  private static NewApplication toNew(String applicationId, String borrowerId, ApplicationRequest r) {
    var a = r.applicant();
    return new NewApplication(applicationId, borrowerId, a.firstName(), a.lastName(), a.email(), a.phone(),
        a.dateOfBirth(), a.ssn(), a.address().line1(), a.address().city(), a.address().region(),
        a.address().postalCode(), a.address().country(), a.monthlyIncome(), r.requestedAmount().amount(),
        r.requestedAmount().currency(), r.purpose(), r.consents().creditPull(), r.consents().esignDisclosure());
  }

  /** Whether the application's decision came within {@code seconds} (the workflow answers; see Prefer: wait). */
  public boolean awaitDecision(String applicationId, int seconds) {
    return processes.awaitDecision(applicationId, seconds)
        .filter(dev.tranche.application.ApplicationStatus::decided).isPresent();
  }
}
