package dev.tranche.activities.ledger;

import dev.tranche.money.Money;

/** One leg of a transfer: an account, a side and a positive amount. */
public record Leg(String accountCode, AccountType accountType, Side side, Money amount) {

  /** Debit or credit. */
  public enum Side {
    D, C
  }

  public Leg {
    if (!amount.positive()) {
      throw new IllegalArgumentException("ledger amounts are positive; use the other side instead");
    }
  }

  public static Leg debit(String account, AccountType type, Money amount) {
    return new Leg(account, type, Side.D, amount);
  }

  public static Leg credit(String account, AccountType type, Money amount) {
    return new Leg(account, type, Side.C, amount);
  }
}
