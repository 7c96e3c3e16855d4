package dev.tranche.servicing;

import dev.tranche.money.Money;

/** A payment received on a charged-off loan. */
public record Recovery(String loanId, String reference, Money amount) {
}
