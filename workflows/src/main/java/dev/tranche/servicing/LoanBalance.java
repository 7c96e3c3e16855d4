package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.time.LocalDate;

/** The {@code balance} query's answer. */
public record LoanBalance(String loanId, Money principalOutstanding, int nextInstallment, LocalDate nextDueDate,
    Money nextPaymentDue, Money unappliedPayments) {
}
