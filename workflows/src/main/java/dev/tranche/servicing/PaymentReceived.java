package dev.tranche.servicing;

import dev.tranche.money.Money;

/** A payment matched to this loan by its reference. */
public record PaymentReceived(String paymentReference, Money amount, long receivedAtMillis) {
}
