package dev.tranche.chain;

/** A loan's position in the vault, as the contract's {@code Status} enum numbers it (the order matters). */
public enum VaultStatus {
  NONE,
  /** Collateral arrived, not yet securing the loan. */
  DEPOSITED,
  /** Securing the loan: watched, and liquidatable below a health factor of 1. */
  LOCKED,
  /** Back with the borrower. */
  RELEASED,
  /** Seized. */
  LIQUIDATED
}
