package dev.tranche.servicing;

import dev.tranche.money.Money;

/** A late fee the collection case assesses on an installment; {@code key} makes it once only. */
public record LateFee(String key, int installment, Money amount) {
}
