package dev.tranche.chain;

import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.PaymentReceived;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class LiquidationWorkflowImpl implements LiquidationWorkflow {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofSeconds(30)).setDoNotRetry("NOT_FOUND", "CHAIN_MISCONFIGURED").build())
          .build());
  /** Receipts: retried every second or so until confirmed, for up to an hour. */
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(500))
              .setBackoffCoefficient(1.5).setMaximumInterval(Duration.ofSeconds(10))
              .setDoNotRetry("CHAIN_MISCONFIGURED").build())
          .build());

  /**
   * Version 1 ("liquidation-resends"): a dropped or stuck transaction is sent again, a defaulted loan
   * is seized whatever its health, and the proceeds are paid into the loan's servicing.
   */
  private boolean v1;

  @Override
  public LiquidationOutcome liquidate(LiquidationRequest request) {
    v1 = Workflow.getVersion("liquidation-resends", Workflow.DEFAULT_VERSION, 1) == 1;
    OnChainPosition position = chain.readPosition(request.chain(), request.loanId());
    if ("LIQUIDATED".equals(position.status())) {
      return booked(request, "ALREADY_LIQUIDATED");
    }
    if (!"LOCKED".equals(position.status())) {
      return new LiquidationOutcome(request.loanId(), "NOT_LOCKED", null);
    }
    boolean defaulted = v1 && request.defaulted();
    if (!defaulted && !position.liquidatable()) {
      // A healthy position (or an unusable price) is not retried here: the monitor asks again.
      return new LiquidationOutcome(request.loanId(), position.healthFactorWad() == null ? "PRICE_UNUSABLE"
          : "HEALTHY", null);
    }
    if (defaulted && position.priceProblem() != null) {
      return new LiquidationOutcome(request.loanId(), "PRICE_UNUSABLE", null);
    }
    String key = "liquidation:" + request.loanId();
    ChainTx tx = defaulted ? chain.submitDefaultLiquidation(request.chain(), request.loanId(), key)
        : chain.submitLiquidation(request.chain(), request.loanId(), key);
    TxOutcome outcome;
    if (v1) {
      outcome = Transactions.confirm(chain, receipts, request.chain(), tx, () -> {
        OnChainPosition now = chain.readPosition(request.chain(), request.loanId());
        return "LOCKED".equals(now.status()) && (defaulted || now.liquidatable());
      });
      if (outcome == null) {
        return settle(request);
      }
    } else {
      outcome = receipts.awaitReceipt(request.chain(), tx.txHash());
    }
    if (!outcome.success()) {
      return settle(request);
    }
    return booked(request, "LIQUIDATED");
  }

  /** A transaction reverted or was given up: someone may have liquidated first, or the price moved. The chain decides. */
  private LiquidationOutcome settle(LiquidationRequest request) {
    OnChainPosition after = chain.readPosition(request.chain(), request.loanId());
    if ("LIQUIDATED".equals(after.status())) {
      return booked(request, "ALREADY_LIQUIDATED");
    }
    return new LiquidationOutcome(request.loanId(), after.liquidatable() ? "REVERTED" : "HEALTHY", null);
  }

  private LiquidationOutcome booked(LiquidationRequest request, String outcome) {
    LiquidationEvent event = chain.liquidationEvent(request.chain(), request.loanId());
    String proceeds = chain.bookLiquidation(event);
    if (v1 && proceeds != null) {
      applyToLoan(request.loanId(), proceeds);
    }
    return new LiquidationOutcome(request.loanId(), outcome, event);
  }

  /**
   * The proceeds pay the loan like any payment, under one reference per loan: servicing closes it
   * when they cover the payoff, or reduces it. A loan whose servicing has ended keeps the proceeds
   * in suspense for ops.
   */
  private void applyToLoan(String loanId, String proceeds) {
    Money amount = Money.of(proceeds, "USD");
    if (!amount.positive()) {
      return;
    }
    ExternalWorkflowStub loan = Workflow.newUntypedExternalWorkflowStub(WorkflowIds.loan(loanId));
    try {
      loan.signal("paymentReceived", new PaymentReceived("liquidation:" + loanId, amount,
          Workflow.currentTimeMillis()));
    } catch (RuntimeException notRunning) {
      chain.recordAlert(loanId, "liquidation proceeds of " + proceeds + " USD held in suspense: no servicing to apply them to");
    }
  }
}
