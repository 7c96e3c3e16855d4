package dev.tranche.chain;

import io.temporal.activity.ActivityInterface;

/** Everything that touches an EVM chain; runs on the {@code chain} task queue. */
@ActivityInterface
public interface ChainActivities {

  OnChainPosition readPosition(VaultLoan loan);

  /**
   * Signs and sends {@code liquidate(loanId)} through the account's serialised signer and stores the
   * hash under {@code idempotencyKey} before returning; a repeat returns the stored transaction.
   */
  ChainTx submitLiquidation(VaultCall call);

  /** As {@link #submitLiquidation}, but {@code liquidateDefaulted}: a defaulted loan, whatever its health. */
  ChainTx submitDefaultLiquidation(VaultCall call);

  /**
   * The receipt once it has the chain's confirmations; fails (and is retried) until then. Fails
   * without retry as {@code TX_DROPPED} when the node does not know the transaction, and as
   * {@code TX_STUCK} when it has waited unmined longer than the chain's limit.
   */
  TxOutcome awaitReceipt(SentTx tx);

  /**
   * Sends the transaction stored under {@code idempotencyKey} again, with the same nonce (unless
   * another transaction took it) and a fee at least 12.5 % higher; a repeat for the same
   * {@code previousTxHash} returns the resend already made.
   */
  ChainTx resubmit(Resend resend);

  /** The vault's {@code Liquidated} event for the loan. */
  LiquidationEvent liquidationEvent(VaultLoan loan);

  /** Records an alert about a loan's collateral (e.g. a stale price) for ops. */
  void recordAlert(CollateralAlert alert);

  /** Posts the recovered collateral to the ledger, once per loan; returns the proceeds in USD. */
  String bookLiquidation(LiquidationEvent event);

  // --- the collateralised product ---

  /** Prices the collateral (111 % of the debt at the vault's feed) and records what is asked, once per loan. */
  CollateralRequirement requireCollateral(CollateralRequest request);

  /**
   * The loan's deposit once it has the chain's confirmations; fails (and is retried by the workflow's
   * schedule, up to the deposit window) until then.
   */
  CollateralDeposit awaitDeposit(VaultLoan loan);

  /** Records what arrived and whether it was enough. */
  void recordDeposit(DepositVerdict verdict);

  /** Sends {@code lock(loanId, debt)}: the deposit now secures the loan. */
  ChainTx submitLock(DebtLock lock);

  /** Sends {@code updateDebt(loanId, debt)} under {@code idempotencyKey}: the vault follows the loan's balance. */
  ChainTx submitDebtUpdate(DebtUpdate update);

  /**
   * Sends {@code expectDeposit(loanId, wallet)}, once per loan: only the borrower's wallet may then
   * deposit for the loan's position.
   */
  ChainTx submitExpectDeposit(ExpectedDeposit expected);

  /** Sends {@code release(loanId)}: the collateral goes back to the borrower. */
  ChainTx submitRelease(VaultLoan loan);

  /** Records that the loan's collateral is back with the borrower, once its release is confirmed on-chain. */
  void markReleased(String loanId);

  /** Sends the disbursement in the stablecoin to the borrower's wallet, and books it, once per loan. */
  ChainTx submitPayout(WalletPayout payout);

  /** Books a wallet payout once its transaction is confirmed. */
  void bookPayout(PayoutConfirmation confirmed);

  /**
   * Starts {@code liquidation-{loanId}} unless a run of it is going (a finished run may be started
   * again: it reads the chain first, so a liquidated position is only booked, once).
   */
  void startLiquidation(LiquidationRequest request);

  /**
   * One batched read of every open position on the chain's vault at the feed's current price (the vault's
   * {@code healthFactors}, a page of positions per call); each position below a health factor of 1.0 gets its
   * {@code liquidation-{loanId}} started, as {@link #startLiquidation} does. An unusable price starts nothing and
   * is alerted.
   */
  PositionSweep sweepPositions(PriceRound round);

  /** The chain holding the loan's deposited (not liquidated or released) collateral, or null. */
  String collateralChain(String loanId);

  /** Starts the loan's collateral monitor ({@code collateral-{loanId}}), once. */
  void startMonitor(MonitorStart start);

  // --- the liquidity pool ---

  /** Signs and sends the pool call (draw, repay, write-off) under its key; a repeat returns the stored transaction. */
  ChainTx submitPoolCall(PoolCall call);

  /** Books a settled pool call in the pool's ledger (and, for a repayment, the payment's on-chain record), once. */
  void bookPoolMovement(PoolMovement movement);

  /**
   * Books the liquidity providers' deposits and withdrawals since the last check, then compares the pool's
   * ledger with the contract; records the result and alerts on any difference.
   */
  PoolReconciliation reconcilePool(String chain);

  // --- payments on the record ---

  /** Signs and sends {@code record(loanId, ledgerHash, amount, currency)} to the receipts contract, once per payment. */
  ChainTx submitPaymentRecord(PaymentRecord payment);

  /** Books a settled payment record (its transaction, or that it reverted), once. */
  void bookPaymentRecord(PaymentRecorded recorded);

  // --- LP tokens as a bill's collateral ---

  /** Prices a bill's pledge at the LP-token vault's feed and records what is asked, once per bill. */
  PledgeRequirement priceBillCollateral(PledgeRequest request);

  /** Records where a bill's collateral stands (and what was deposited, when known). */
  void recordBillCollateral(String billId, String status, String depositedUnits);

  /** Books the seized LP tokens at the liquidation's price, once per bill; returns the proceeds in USD. */
  String bookBillLiquidation(LiquidationEvent event);
}
