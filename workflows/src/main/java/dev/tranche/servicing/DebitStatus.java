package dev.tranche.servicing;

/** An autopay debit as the payment rail reports it. */
public enum DebitStatus {
  /** Accepted and in flight: applied to the loan at once, watched for a return. */
  PENDING,
  /** Settled: the return window passed. */
  SETTLED,
  /** Refused up front (e.g. a closed account): nothing was applied. */
  REJECTED,
  /** Returned after the fact (R01 and the like): the payment is reversed with a fee. */
  RETURNED
}
