package dev.tranche.servicing;

import dev.tranche.money.Money;

/**
 * A payment matched to this loan by its reference. {@code excess} says where an overpayment goes
 * (null: principal, shortening the term).
 */
public record PaymentReceived(String paymentReference, Money amount, long receivedAtMillis, ExcessPolicy excess) {

  public PaymentReceived(String paymentReference, Money amount, long receivedAtMillis) {
    this(paymentReference, amount, receivedAtMillis, null);
  }
}
