package dev.tranche.collections;

import dev.tranche.money.Money;

/** A missed installment placed with the collection agency. */
public record AgencyPlacement(String loanId, int installment, Money amount) {
}
