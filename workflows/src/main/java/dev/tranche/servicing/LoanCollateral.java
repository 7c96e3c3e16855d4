package dev.tranche.servicing;

import dev.tranche.chain.DebtUpdate;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainOptions;
import dev.tranche.chain.CollateralReleases;
import dev.tranche.chain.Transactions;
import dev.tranche.chain.TxOutcome;
import dev.tranche.money.Money;
import io.temporal.workflow.Workflow;

/**
 * The chain side of a collateralised loan's servicing: the vault's record of the debt follows the
 * balance (so the health factor and a liquidation's seizure, debt plus 10 %, measure what is owed now),
 * and a paid-off loan's collateral goes back to the borrower.
 */
final class LoanCollateral {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());
  private final String loanId;
  /** What the vault holds as the debt; null until first synced (it was locked for the principal). */
  private Money debt;
  private int updates;

  LoanCollateral(String loanId, Money debt) {
    this.loanId = loanId;
    this.debt = debt;
  }

  Money debt() {
    return debt;
  }

  /** Sets the vault's debt to {@code owed} when it differs; a failed update is tried at the next change. */
  void syncDebt(Money owed, Money lockedFor) {
    if (debt == null) {
      debt = lockedFor;
    }
    if (owed.compareTo(debt) == 0 || !owed.positive()) {
      return;
    }
    String chainName = chain.collateralChain(loanId);
    if (chainName == null) {
      return;
    }
    String key = "debt:" + loanId + ":" + Workflow.getInfo().getRunId() + ":" + (++updates);
    TxOutcome updated = Transactions.confirm(chain, receipts, chainName,
        chain.submitDebtUpdate(new DebtUpdate(chainName, loanId, owed.amount().toPlainString(), key)));
    if (updated != null && updated.success()) {
      debt = owed;
    }
  }

  /** A paid-off loan's collateral still in the vault goes back to the borrower (its monitor then ends). */
  void release() {
    String chainName = chain.collateralChain(loanId);
    if (chainName != null) {
      CollateralReleases.release(chain, receipts, chainName, loanId, "paid-off loan " + loanId);
    }
  }
}
