package dev.tranche.chain;

import dev.tranche.common.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/**
 * Waiting for a transaction from workflow code: the receipt with its confirmations, or, when the node
 * lost the transaction or it sits unmined too long, the same transaction sent again (same nonce, a
 * higher fee) and waited for in turn. {@code stillWanted} is asked before each resend, so a state that
 * changed meanwhile (e.g. liquidated by the first attempt after all) stops the loop.
 */
public final class Transactions {

  /** How many times one business transaction is sent before the workflow gives up and fails. */
  static final int MAX_SENDS = 10;

  private Transactions() {
  }

  /** The outcome of a transaction wanted whatever happens meanwhile (a lock, a release, a payout). */
  public static TxOutcome confirm(ChainActivities chain, ChainActivities receipts, String chainName, ChainTx tx) {
    return confirm(chain, receipts, chainName, tx, () -> true);
  }

  /** The outcome, or null when {@code stillWanted} said no before a resend. */
  public static TxOutcome confirm(ChainActivities chain, ChainActivities receipts, String chainName, ChainTx tx,
      java.util.function.BooleanSupplier stillWanted) {
    ChainTx current = tx;
    for (int send = 1; ; send++) {
      try {
        return receipts.awaitReceipt(new SentTx(chainName, current.txHash()));
      } catch (ActivityFailure failure) {
        boolean resend = FailureType.is(failure, FailureType.TX_DROPPED) || FailureType.is(failure, FailureType.TX_STUCK);
        if (!resend) {
          throw failure;
        }
        if (send >= MAX_SENDS) {
          throw ApplicationFailure.newNonRetryableFailure("sent " + send + " times and never mined: "
              + current.idempotencyKey(), FailureType.TX_NOT_MINED.name());
        }
        if (!stillWanted.getAsBoolean()) {
          return null;
        }
        current = chain.resubmit(new Resend(chainName, current.idempotencyKey(), current.txHash()));
      }
    }
  }
}
