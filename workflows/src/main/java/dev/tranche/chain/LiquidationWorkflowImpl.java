package dev.tranche.chain;

import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanServicingWorkflow;
import dev.tranche.servicing.PaymentReceived;
import dev.tranche.servicing.PaymentSource;
import io.temporal.workflow.Workflow;

public class LiquidationWorkflowImpl implements LiquidationWorkflow {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());

  @Override
  public LiquidationOutcome liquidate(LiquidationRequest request) {
    OnChainPosition position = chain.readPosition(new VaultLoan(request.chain(), request.loanId()));
    if (position.status() == VaultStatus.LIQUIDATED) {
      return booked(request, "ALREADY_LIQUIDATED");
    }
    if (position.status() != VaultStatus.LOCKED) {
      return new LiquidationOutcome(request.loanId(), "NOT_LOCKED", null);
    }
    // A defaulted loan is seized whatever its health.
    boolean defaulted = request.defaulted();
    if (!defaulted && !position.liquidatable()) {
      // A healthy position (or an unusable price) is not retried here: the monitor asks again.
      return new LiquidationOutcome(request.loanId(), position.healthFactorWad() == null ? "PRICE_UNUSABLE"
          : "HEALTHY", null);
    }
    if (defaulted && position.priceProblem() != null) {
      return new LiquidationOutcome(request.loanId(), "PRICE_UNUSABLE", null);
    }
    String key = "liquidation:" + request.loanId();
    ChainTx tx = defaulted ? chain.submitDefaultLiquidation(new VaultCall(request.chain(), request.loanId(), key))
        : chain.submitLiquidation(new VaultCall(request.chain(), request.loanId(), key));
    // A dropped or stuck transaction is sent again while the seizure is still due.
    TxOutcome outcome = Transactions.confirm(chain, receipts, request.chain(), tx, () -> {
      OnChainPosition now = chain.readPosition(new VaultLoan(request.chain(), request.loanId()));
      return now.status() == VaultStatus.LOCKED && (defaulted || now.liquidatable());
    });
    if (outcome == null || !outcome.success()) {
      return settle(request);
    }
    return booked(request, "LIQUIDATED");
  }

  /** A transaction reverted or was given up: someone may have liquidated first, or the price moved. The chain decides. */
  private LiquidationOutcome settle(LiquidationRequest request) {
    OnChainPosition after = chain.readPosition(new VaultLoan(request.chain(), request.loanId()));
    if (after.status() == VaultStatus.LIQUIDATED) {
      return booked(request, "ALREADY_LIQUIDATED");
    }
    return new LiquidationOutcome(request.loanId(), after.liquidatable() ? "REVERTED" : "HEALTHY", null);
  }

  private LiquidationOutcome booked(LiquidationRequest request, String outcome) {
    LiquidationEvent event = chain.liquidationEvent(new VaultLoan(request.chain(), request.loanId()));
    String proceeds = chain.bookLiquidation(event);
    if (proceeds != null) {
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
    LoanServicingWorkflow loan = Workflow.newExternalWorkflowStub(LoanServicingWorkflow.class,
        WorkflowIds.loan(loanId));
    try {
      loan.paymentReceived(new PaymentReceived(PaymentSource.LIQUIDATION.reference(loanId), amount, Workflow.currentTimeMillis()));
    } catch (RuntimeException notRunning) {
      chain.recordAlert(new CollateralAlert(loanId, "liquidation proceeds of " + proceeds
          + " USD held in suspense: no servicing to apply them to"));
    }
  }
}
