package dev.tranche.servicing;

import dev.tranche.money.Money;

/** A fee charged to a loan once under {@code key}: {@code LATE_FEE} or {@code RETURNED_PAYMENT_FEE}. */
public record FeeCharge(String loanId, String key, Money amount, String kind) {
}
