package dev.tranche.api.application;

import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.application.NewApplication;
import dev.tranche.api.web.Idempotency;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.application.ApplicationInput;
import dev.tranche.application.CollateralChoice;
import dev.tranche.application.LoanApplicationWorkflow;
import dev.tranche.application.ProcessSettings;
import dev.tranche.common.SearchAttributes;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.partner.PartnerRef;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Submits applications: store first (PII encrypted), then start the workflow by its business id. */
@Service
public class ApplicationService {

  private final ApplicantStore applicants;
  private final Idempotency idempotency;
  private final TransactionTemplate tx;
  private final WorkflowClient temporal;
  private final String lender;
  private final ProcessSettings settings;
  private final ChainProperties chains;
  private final JdbcClient jdbc;

  ApplicationService(ApplicantStore applicants, Idempotency idempotency, TransactionTemplate tx,
      WorkflowClient temporal, @Value("${tranche.origination.lender}") String lender,
      @Value("${tranche.origination.offer-window-seconds}") long offerWindow,
      @Value("${tranche.origination.review-window-seconds}") long reviewWindow,
      @Value("${tranche.origination.funding-webhook-wait-seconds}") long webhookWait,
      @Value("${tranche.origination.funding-poll-interval-seconds}") long pollInterval,
      @Value("${tranche.origination.funding-poll-attempts}") int pollAttempts,
      @Value("${tranche.origination.review-claim-sla-seconds}") long claimSla,
      @Value("${tranche.origination.review-decision-sla-seconds}") long decisionSla,
      @Value("${tranche.origination.four-eyes-threshold}") BigDecimal fourEyes,
      @Value("${tranche.origination.quote-deadline-millis}") long quoteDeadline,
      @Value("${tranche.origination.lenders}") List<String> lenders,
      @Value("${tranche.origination.collateral-window-seconds:259200}") long collateralWindow,
      @Value("${tranche.origination.quote-retry-window-seconds:600}") long quoteRetryWindow,
      @Value("${tranche.origination.attention-window-seconds:604800}") long attentionWindow,
      @Value("${tranche.origination.funding-retry-seconds:86400}") long fundingRetry,
      ChainProperties chains, JdbcClient jdbc) {
    this.chains = chains;
    this.jdbc = jdbc;
    this.applicants = applicants;
    this.idempotency = idempotency;
    this.tx = tx;
    this.temporal = temporal;
    this.lender = lender;
    this.settings = new ProcessSettings(offerWindow, reviewWindow, webhookWait, pollInterval, pollAttempts, claimSla,
        decisionSla, fourEyes, quoteDeadline, lenders, collateralWindow, quoteRetryWindow, attentionWindow,
        fundingRetry);
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
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.application(applicationId))
        .setTaskQueue(TaskQueues.APPLICATIONS)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.BUSINESS_ID, applicationId).build())
        .build();
    LoanApplicationWorkflow workflow = temporal.newWorkflowStub(LoanApplicationWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, new ApplicationInput(applicationId, borrowerId,
          new Money(amount, Currency.getInstance(currency)), purpose, lender, settings, partner, collateral));
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      // Same business id: the process already exists, which is exactly what we wanted.
    }
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
}
