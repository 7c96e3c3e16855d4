package dev.tranche.chain;

import dev.tranche.money.Money;

/**
 * One movement of the liquidity pool's money for a loan or bill, sent once under {@code key}: a DRAW of
 * {@code principal}, a REPAY of {@code principal} and the pool's {@code interest} (carrying {@code receipt},
 * the hash of the ledger transfer that booked the payment), or a WRITE_OFF of {@code principal}.
 * {@code closingFee} is the pool's share of the fees, added to the repayment that brings the principal to zero.
 */
public record PoolCall(String chain, String kind, String key, String loanId, Money principal, Money interest,
    String receipt, Money closingFee) {

  public static final String DRAW = "DRAW";
  public static final String REPAY = "REPAY";
  public static final String WRITE_OFF = "WRITE_OFF";

  /** The same call with {@code interest} in place of its own. */
  public PoolCall withInterest(Money more) {
    return new PoolCall(chain, kind, key, loanId, principal, more, receipt, closingFee);
  }
}
