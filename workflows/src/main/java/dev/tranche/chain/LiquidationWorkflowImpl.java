package dev.tranche.chain;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
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
              .setBackoffCoefficient(1.5).setMaximumInterval(Duration.ofSeconds(10)).build())
          .build());

  @Override
  public LiquidationOutcome liquidate(LiquidationRequest request) {
    OnChainPosition position = chain.readPosition(request.chain(), request.loanId());
    if ("LIQUIDATED".equals(position.status())) {
      return booked(request, "ALREADY_LIQUIDATED");
    }
    if (!"LOCKED".equals(position.status())) {
      return new LiquidationOutcome(request.loanId(), "NOT_LOCKED", null);
    }
    if (!position.liquidatable()) {
      // A healthy position (or an unreadable price) is not retried here: the monitor asks again.
      return new LiquidationOutcome(request.loanId(), position.healthFactorWad() == null ? "PRICE_UNUSABLE"
          : "HEALTHY", null);
    }
    ChainTx tx = chain.submitLiquidation(request.chain(), request.loanId(), "liquidation:" + request.loanId());
    TxOutcome outcome = receipts.awaitReceipt(request.chain(), tx.txHash());
    if (!outcome.success()) {
      // Reverted: someone may have liquidated first, or the price moved. The chain decides.
      OnChainPosition after = chain.readPosition(request.chain(), request.loanId());
      if ("LIQUIDATED".equals(after.status())) {
        return booked(request, "ALREADY_LIQUIDATED");
      }
      return new LiquidationOutcome(request.loanId(), after.liquidatable() ? "REVERTED" : "HEALTHY", null);
    }
    return booked(request, "LIQUIDATED");
  }

  private LiquidationOutcome booked(LiquidationRequest request, String outcome) {
    LiquidationEvent event = chain.liquidationEvent(request.chain(), request.loanId());
    chain.bookLiquidation(event);
    return new LiquidationOutcome(request.loanId(), outcome, event);
  }
}
