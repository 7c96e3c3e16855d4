package dev.tranche.activities.ledger;

/** The five account types of double-entry bookkeeping. */
public enum AccountType {
  ASSET, LIABILITY, EQUITY, INCOME, EXPENSE
}
