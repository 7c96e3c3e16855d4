package dev.tranche.bnpl;

import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainOptions;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.DebtLock;
import dev.tranche.chain.ExpectedDeposit;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.OnChainPosition;
import dev.tranche.chain.PledgeRequest;
import dev.tranche.chain.PledgeRequirement;
import dev.tranche.chain.Transactions;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.VaultCall;
import dev.tranche.chain.VaultLoan;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import dev.tranche.servicing.PaymentReceived;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.math.BigInteger;
import java.time.Duration;

/** Secures, watches, then releases or liquidates; every chain call through the chain queue's one signer. */
public class BillCollateralWorkflowImpl implements BillCollateralWorkflow {

  private static final Duration WATCH_EVERY = Duration.ofHours(1);

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());
  private String stage = "REQUESTED";
  private boolean released;

  @Override
  public String secure(PledgeRequest r) {
    BillWorkflow bill = Workflow.newExternalWorkflowStub(BillWorkflow.class, WorkflowIds.bill(r.billId()));
    PledgeRequirement requirement = chain.priceBillCollateral(r);
    Transactions.confirm(chain, receipts, r.chain(),
        chain.submitExpectDeposit(new ExpectedDeposit(r.chain(), r.billId(), r.walletAddress())));
    CollateralDeposit deposit;
    try {
      deposit = Workflow.newActivityStub(ChainActivities.class,
          ChainOptions.depositWatch(r.depositWindowSeconds() * 1000)).awaitDeposit(new VaultLoan(r.chain(), r.billId()));
    } catch (ActivityFailure noDepositInTime) {
      stage = "EXPIRED";
      chain.recordBillCollateral(r.billId(), stage, null);
      bill.collateralFailed("no deposit of the LP tokens in time");
      return stage;
    }
    if (new BigInteger(deposit.amountWei()).compareTo(new BigInteger(requirement.requiredUnits())) < 0) {
      stage = "SHORT";
      chain.recordBillCollateral(r.billId(), stage, deposit.amountWei());
      Transactions.confirm(chain, receipts, r.chain(), chain.submitRelease(new VaultLoan(r.chain(), r.billId())));
      bill.collateralFailed("the deposit was short of " + requirement.requiredUnits() + " units");
      return stage;
    }
    Transactions.confirm(chain, receipts, r.chain(),
        chain.submitLock(new DebtLock(r.chain(), r.billId(), r.amount().amount().toPlainString())));
    stage = "LOCKED";
    chain.recordBillCollateral(r.billId(), stage, deposit.amountWei());
    bill.collateralSecured();
    while (!released) {
      Workflow.await(WATCH_EVERY, () -> released);
      if (released) {
        break;
      }
      OnChainPosition position = chain.readPosition(new VaultLoan(r.chain(), r.billId()));
      if (position.liquidatable()) {
        TxOutcome seized = Transactions.confirm(chain, receipts, r.chain(), chain.submitLiquidation(
            new VaultCall(r.chain(), r.billId(), "liquidate:" + r.billId())));
        if (seized.success()) {
          LiquidationEvent event = chain.liquidationEvent(new VaultLoan(r.chain(), r.billId()));
          Money proceeds = Money.of(chain.bookBillLiquidation(event), r.amount().currency().getCurrencyCode());
          stage = "LIQUIDATED";
          bill.paymentReceived(new PaymentReceived("liquidation:" + r.billId(), proceeds,
              Workflow.currentTimeMillis()));
          return stage;
        }
      }
    }
    Transactions.confirm(chain, receipts, r.chain(), chain.submitRelease(new VaultLoan(r.chain(), r.billId())));
    stage = "RELEASED";
    chain.recordBillCollateral(r.billId(), stage, null);
    return stage;
  }

  @Override
  public void release() {
    released = true;
  }

  @Override
  public String stage() {
    return stage;
  }
}
