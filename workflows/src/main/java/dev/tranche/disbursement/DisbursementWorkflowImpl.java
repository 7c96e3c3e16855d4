package dev.tranche.disbursement;

import dev.tranche.common.FailureType;
import dev.tranche.common.WorkflowRegistryActivities;
import dev.tranche.common.WorkflowRun;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DisbursementWorkflowImpl implements DisbursementWorkflow {

  private final WorkflowRegistryActivities registry = Workflow.newActivityStub(WorkflowRegistryActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

  private DisbursementStatus stage = DisbursementStatus.CREATING;
  private FundingConfirmation confirmation;

  @Override
  public DisbursementResult disburse(DisbursementRequest request) {
    track(request, DisbursementStatus.CREATING);
    DisbursementResult result = bounded(request);
    track(request, result.status());
    return result;
  }

  private void track(DisbursementRequest request, DisbursementStatus status) {
    registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "DisbursementWorkflow", request.loanId(),
        status.name()));
  }

  /**
   * Every lender call is retried with backoff for the request's business window (24 h by default), not a
   * fixed count: a lender outage is waited out. A refusal, or the window running out at any step, ends
   * the disbursement FAILED after the compensation, which is registered before the loan is created,
   * since a lost answer may hide a loan the lender did create: it is cancelled by our reference. A
   * compensation that cannot be done is left visible to ops rather than hidden.
   */
  private DisbursementResult bounded(DisbursementRequest request) {
    Duration window = Duration.ofSeconds(request.retryWindowSeconds());
    LenderActivities calls = Workflow.newActivityStub(LenderActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(window)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(10))
            .setDoNotRetry(FailureType.LENDER_REJECTED.name())
            .build())
        .build());
    String lenderLoanId = null;
    try {
      lenderLoanId = calls.createLoan(command(request, "create", null, null)).lenderLoanId();
      stage = DisbursementStatus.DISBURSING;
      LenderLoan disbursing = calls.requestDisbursement(command(request, "disburse", lenderLoanId, null));
      LenderLoan funded = disbursing.funded() ? disbursing : awaitFunding(calls, request, lenderLoanId);
      if (funded == null || !funded.funded()) {
        return cancel(calls, request, lenderLoanId, funded == null ? "FUNDING_TIMEOUT" : "LENDER_" + funded.status());
      }
      stage = DisbursementStatus.FUNDED;
      return new DisbursementResult(request.loanId(), stage, lenderLoanId, funded.fundedAtMillis(), null);
    } catch (ActivityFailure failure) {
      return cancel(calls, request, lenderLoanId, FailureType.is(failure, FailureType.LENDER_REJECTED)
          ? FailureType.LENDER_REJECTED.name() : "LENDER_UNAVAILABLE");
    }
  }

  private DisbursementResult cancel(LenderActivities calls, DisbursementRequest request, String lenderLoanId,
      String reason) {
    stage = DisbursementStatus.COMPENSATING;
    String cancelled = lenderLoanId;
    Workflow.newDetachedCancellationScope(() -> {
      try {
        calls.cancelLoan(command(request, "cancel", cancelled, "disbursement failed: " + reason));
      } catch (ActivityFailure failure) {
        // The lender stayed unreachable for the whole window: ops reconcile this loan with the lender.
        registry.track(new WorkflowRun(Workflow.getInfo().getWorkflowId(), "DisbursementWorkflow", request.loanId(),
            "CANCEL_FAILED"));
      }
    }).run();
    stage = DisbursementStatus.FAILED;
    return new DisbursementResult(request.loanId(), stage, lenderLoanId, 0, reason);
  }

  /** Waits for the webhook; if it does not come in time, polls the lender's status. */
  private LenderLoan awaitFunding(LenderActivities calls, DisbursementRequest request, String lenderLoanId) {
    stage = DisbursementStatus.AWAITING_FUNDING;
    if (Workflow.await(Duration.ofSeconds(request.webhookWaitSeconds()), () -> confirmation != null)) {
      return new LenderLoan(lenderLoanId, "FUNDED", confirmation.fundedAtMillis());
    }
    stage = DisbursementStatus.POLLING;
    for (int attempt = 1; attempt <= request.pollAttempts(); attempt++) {
      LenderLoan status = calls.fetchStatus(command(request, "status", lenderLoanId, null));
      if (status.funded() || status.failed()) {
        return status;
      }
      if (Workflow.await(Duration.ofSeconds(request.pollIntervalSeconds()), () -> confirmation != null)) {
        return new LenderLoan(lenderLoanId, "FUNDED", confirmation.fundedAtMillis());
      }
    }
    return null;
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
