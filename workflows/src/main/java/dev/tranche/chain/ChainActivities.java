package dev.tranche.chain;

import io.temporal.activity.ActivityInterface;

/** Everything that touches an EVM chain; runs on the {@code chain} task queue. */
@ActivityInterface
public interface ChainActivities {

  OnChainPosition readPosition(String chain, String loanId);

  /**
   * Signs and sends {@code liquidate(loanId)} through the account's serialised signer and stores the
   * hash under {@code idempotencyKey} before returning; a repeat returns the stored transaction.
   */
  ChainTx submitLiquidation(String chain, String loanId, String idempotencyKey);

  /** The receipt once it has the chain's confirmations; fails (and is retried) until then. */
  TxOutcome awaitReceipt(String chain, String txHash);

  /** The vault's {@code Liquidated} event for the loan. */
  LiquidationEvent liquidationEvent(String chain, String loanId);

  /** Records an alert about a loan's collateral (e.g. a stale price) for ops. */
  void recordAlert(String loanId, String message);

  /** Posts the recovered collateral to the ledger, once per loan. */
  void bookLiquidation(LiquidationEvent event);
}
