package dev.tranche.servicing;

import dev.tranche.money.Money;

/** Interest falling due on a loan, posted once under {@code key}. */
public record InterestAccrual(String loanId, String key, Money interest) {
}
