package dev.tranche.application;

import dev.tranche.chain.VaultLoan;
import dev.tranche.chain.DepositVerdict;
import dev.tranche.chain.DebtLock;
import dev.tranche.chain.MonitorStart;
import dev.tranche.chain.ExpectedDeposit;
import dev.tranche.chain.PayoutConfirmation;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainOptions;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.CollateralReleases;
import dev.tranche.chain.CollateralRequest;
import dev.tranche.chain.CollateralRequirement;
import dev.tranche.chain.Transactions;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.WalletPayout;
import dev.tranche.common.FailureType;
import dev.tranche.offer.Offer;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.math.BigInteger;

/**
 * The chain side of a collateralised application: 111 % of the principal is required in collateral,
 * only the borrower's wallet may deposit it (nobody can claim the position first with dust), the deposit
 * must arrive with the chain's confirmations within the window, and it is then locked against the loan.
 * Anything short of that returns the deposit. Once funded, the position is monitored and, when the
 * borrower chose it, the proceeds are paid to the wallet in the stablecoin.
 */
final class CollateralStep {

  private final ChainActivities chain = Workflow.newActivityStub(ChainActivities.class, ChainOptions.calls());
  private final ChainActivities receipts = Workflow.newActivityStub(ChainActivities.class, ChainOptions.receipts());
  private final String applicationId;
  private final CollateralChoice choice;
  private boolean locked;

  CollateralStep(String applicationId, CollateralChoice choice) {
    this.applicationId = applicationId;
    this.choice = choice;
  }

  /** The deposit is locked against the loan. */
  boolean locked() {
    return locked;
  }

  /**
   * Prices the requirement and registers the borrower's wallet as the position's only depositor; null
   * when the vault refused the registration.
   */
  CollateralRequirement require(String loanId, Offer offer, long windowSeconds) {
    CollateralRequirement requirement = chain.requireCollateral(new CollateralRequest(applicationId, loanId,
        choice.chain(), offer.principal(), choice.walletAddress(), windowSeconds));
    TxOutcome registered = Transactions.confirm(chain, receipts, choice.chain(),
        chain.submitExpectDeposit(new ExpectedDeposit(choice.chain(), loanId, choice.walletAddress())));
    return registered == null || !registered.success() ? null : requirement;
  }

  /** Waits for the deposit until the requirement's deadline, then locks it. Returns why not, or null. */
  String awaitAndLock(String loanId, Offer offer, CollateralRequirement requirement) {
    long left = requirement.deadlineMillis() - Workflow.currentTimeMillis();
    CollateralDeposit deposit;
    try {
      deposit = Workflow.newActivityStub(ChainActivities.class, ChainOptions.depositWatch(left))
          .awaitDeposit(new VaultLoan(choice.chain(), loanId));
    } catch (ActivityFailure failure) {
      if (FailureType.is(failure, FailureType.CHAIN_MISCONFIGURED)) {
        throw failure;
      }
      return "COLLATERAL_NOT_DEPOSITED";
    }
    boolean fromBorrower = deposit.depositor().equalsIgnoreCase(choice.walletAddress());
    boolean enough = new BigInteger(deposit.amountWei()).compareTo(new BigInteger(requirement.requiredWei())) >= 0;
    if (!fromBorrower || !enough) {
      // Not what was asked: it goes back to whoever sent it, and the loan is not made.
      chain.recordDeposit(new DepositVerdict(deposit, "REJECTED"));
      release(loanId);
      return fromBorrower ? "COLLATERAL_INSUFFICIENT" : "COLLATERAL_FROM_ANOTHER_WALLET";
    }
    chain.recordDeposit(new DepositVerdict(deposit, "DEPOSITED"));
    TxOutcome lock = Transactions.confirm(chain, receipts, choice.chain(),
        chain.submitLock(new DebtLock(choice.chain(), loanId, offer.principal().amount().toPlainString())));
    if (lock == null || !lock.success()) {
      // E.g. the vault is paused: the deposit is not left behind.
      release(loanId);
      return "COLLATERAL_LOCK_FAILED";
    }
    locked = true;
    return null;
  }

  /** Returns the deposit to the borrower (confirmed on-chain, resent with backoff if refused). */
  void release(String loanId) {
    CollateralReleases.release(chain, receipts, choice.chain(), loanId, "application " + applicationId);
  }

  /** The loan is funded: its position is watched, and a wallet payout pays the borrower in the stablecoin. */
  void funded(String loanId, Offer offer) {
    chain.startMonitor(new MonitorStart(loanId, applicationId, choice.chain()));
    if (!choice.walletPayout()) {
      return;
    }
    // The lender funded our settlement account; the borrower is paid in the stablecoin.
    WalletPayout payout = new WalletPayout(loanId, choice.chain(), choice.walletAddress(),
        offer.principal().minus(offer.originationFee()));
    TxOutcome paid = Transactions.confirm(chain, receipts, choice.chain(), chain.submitPayout(payout));
    if (paid == null || !paid.success()) {
      throw ApplicationFailure.newNonRetryableFailure("the wallet payout of " + loanId + " failed",
          FailureType.WALLET_PAYOUT_FAILED.name());
    }
    chain.bookPayout(new PayoutConfirmation(payout, paid.txHash()));
  }
}
