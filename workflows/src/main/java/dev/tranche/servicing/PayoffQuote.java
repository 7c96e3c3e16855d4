package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.time.LocalDate;

/** What closes the loan if paid on {@code validOn}: principal, interest (with per diem), fees, penalties. */
public record PayoffQuote(String loanId, LocalDate validOn, Money amount, Money principal, Money interest,
    Money fees, Money penalties) {
}
