package dev.tranche.disbursement;

import dev.tranche.common.FailureType;
import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DisbursementWorkflowImpl implements DisbursementWorkflow {

  private final LenderActivities lender = Workflow.newActivityStub(LenderActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofMinutes(1))
              .setMaximumAttempts(20)
              .setDoNotRetry(FailureType.LENDER_REJECTED.name())
              .build())
          .build());

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private DisbursementStatus stage = DisbursementStatus.CREATING;
  private FundingConfirmation confirmation;

  @Override
  public DisbursementResult disburse(DisbursementRequest request) {
    track(request, DisbursementStatus.CREATING);
    DisbursementResult result = run(request);
    track(request, result.status());
    return result;
  }

  private void track(DisbursementRequest request, DisbursementStatus status) {
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "DisbursementWorkflow", request.loanId(),
        status.name()));
  }

  private DisbursementResult run(DisbursementRequest request) {
    Saga saga = new Saga(new Saga.Options.Builder().setParallelCompensation(false).build());
    String loanId = request.loanId();
    try {
      LenderLoan created = lender.createLoan(command(request, "create", null, null));
      saga.addCompensation(lender::cancelLoan, command(request, "cancel", created.lenderLoanId(),
          "disbursement failed"));
      stage = DisbursementStatus.DISBURSING;
      LenderLoan disbursing = lender.requestDisbursement(command(request, "disburse", created.lenderLoanId(), null));
      LenderLoan funded = disbursing.funded() ? disbursing : awaitFunding(request, created.lenderLoanId());
      if (funded == null || !funded.funded()) {
        String reason = funded == null ? "FUNDING_TIMEOUT" : "LENDER_" + funded.status();
        return compensate(saga, loanId, created.lenderLoanId(), reason);
      }
      stage = DisbursementStatus.FUNDED;
      return new DisbursementResult(loanId, stage, created.lenderLoanId(), funded.fundedAtMillis(), null);
    } catch (ActivityFailure failure) {
      if (!FailureType.is(failure, FailureType.LENDER_REJECTED)) {
        throw failure;
      }
      return compensate(saga, loanId, null, FailureType.LENDER_REJECTED.name());
    }
  }

  /** Waits for the webhook; if it does not come in time, polls the lender's status. */
  private LenderLoan awaitFunding(DisbursementRequest request, String lenderLoanId) {
    stage = DisbursementStatus.AWAITING_FUNDING;
    if (Workflow.await(Duration.ofSeconds(request.webhookWaitSeconds()), () -> confirmation != null)) {
      return new LenderLoan(lenderLoanId, "FUNDED", confirmation.fundedAtMillis());
    }
    stage = DisbursementStatus.POLLING;
    for (int attempt = 1; attempt <= request.pollAttempts(); attempt++) {
      LenderLoan status = lender.fetchStatus(command(request, "status", lenderLoanId, null));
      if (status.funded() || status.failed()) {
        return status;
      }
      if (Workflow.await(Duration.ofSeconds(request.pollIntervalSeconds()), () -> confirmation != null)) {
        return new LenderLoan(lenderLoanId, "FUNDED", confirmation.fundedAtMillis());
      }
    }
    return null;
  }

  private DisbursementResult compensate(Saga saga, String loanId, String lenderLoanId, String reason) {
    stage = DisbursementStatus.COMPENSATING;
    Workflow.newDetachedCancellationScope(saga::compensate).run();
    stage = DisbursementStatus.FAILED;
    return new DisbursementResult(loanId, stage, lenderLoanId, 0, reason);
  }

  private static LenderCommand command(DisbursementRequest r, String step, String lenderLoanId, String reason) {
    return new LenderCommand(r.loanId() + ":" + step, r.lender(), r.loanId(), r.applicationId(), lenderLoanId,
        r.netProceeds(), reason);
  }

  @Override
  public void fundingConfirmed(FundingConfirmation confirmation) {
    if (this.confirmation == null) {
      this.confirmation = confirmation;
    }
  }

  @Override
  public DisbursementStatus stage() {
    return stage;
  }
}
