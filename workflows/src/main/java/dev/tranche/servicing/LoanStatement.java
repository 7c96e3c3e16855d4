package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.time.LocalDate;

/**
 * The {@code statement} query: balance by bucket, what is next, how late and in which bucket.
 * Days past due and bucket are as of the workflow's last step; {@code oldestDueDate} (the oldest
 * unpaid due date) lets a reader compute them for any day. {@code paymentReference} is what the
 * borrower quotes on a payment made outside autopay.
 */
public record LoanStatement(String loanId, LoanStatus status, Money principal, Money interestDue, Money feesDue,
    Money penaltiesDue, Money pastDue, Money credit, Money balance, int nextInstallment, LocalDate nextDueDate,
    long daysPastDue, String bucket, int scheduleVersion, LocalDate promisedUntil,
    LocalDate oldestDueDate, String paymentReference) {
}
