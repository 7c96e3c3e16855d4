package dev.tranche.servicing;

/** Where a loan stands in servicing. */
public enum LoanStatus {
  /** Being repaid. */
  ACTIVE,
  /** Repaid in full: nothing is owed. */
  PAID,
  /** Written off after 120 days past due (or a liquidation short of the payoff); payments are recoveries. */
  CHARGED_OFF
}
