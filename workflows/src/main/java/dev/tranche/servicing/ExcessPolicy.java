package dev.tranche.servicing;

/** Where a payment's excess over what is due goes. */
public enum ExcessPolicy {
  /** Reduce principal now: the level payment stays, so the term shortens (the default). */
  PRINCIPAL,
  /** Hold as a credit that pays the next installment when it falls due. */
  NEXT_INSTALLMENT
}
