package dev.tranche.common;

/**
 * Business failure types. Activities throw non-retryable {@code ApplicationFailure}s with one of
 * these names; anything else is treated as transient and retried by Temporal.
 */
public enum FailureType {
  /** The identity provider cannot find the applicant: retrying will not help. */
  IDENTITY_NOT_FOUND,
  /** A provider refused the request as invalid. */
  PROVIDER_REJECTED,
  /** The lender refused to create or fund the loan. */
  LENDER_REJECTED,
  /** The referenced record does not exist in our store. */
  NOT_FOUND,
  /** The lender's circuit is open: it failed repeatedly and is cooling down. */
  LENDER_UNAVAILABLE,
  /** The chain's node no longer knows a transaction we sent (e.g. it restarted): send it again. */
  TX_DROPPED,
  /** A transaction has waited in the pool longer than the chain allows: send it again with a higher fee. */
  TX_STUCK,
  /** A chain is not configured, or its node answers another chain id. */
  CHAIN_MISCONFIGURED,
  /** A price feed answered zero or less: no price to act on. */
  PRICE_INVALID,
  /** A wallet address is not a valid EVM address. */
  INVALID_ADDRESS,
  /** The stablecoin payout to the borrower's wallet did not confirm. */
  WALLET_PAYOUT_FAILED,
  /** A transaction was resent as often as allowed and is still not mined. */
  TX_NOT_MINED,
  /** The vault has not (yet) emitted the event looked for; retried. */
  EVENT_NOT_FOUND,
  /**
   * PostgreSQL refused what an activity tried to store (a data or constraint error, e.g. a NUL in
   * text): the same input fails the same way on every retry, so it surfaces at once instead.
   */
  DATA_REJECTED;

  public static boolean is(Throwable failure, FailureType type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.failure.ApplicationFailure af && type.name().equals(af.getType())) {
        return true;
      }
    }
    return false;
  }
}
