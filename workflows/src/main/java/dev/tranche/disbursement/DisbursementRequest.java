package dev.tranche.disbursement;

import dev.tranche.money.Money;

/** Fund one loan at one lender: the principal booked and the net proceeds paid out. */
public record DisbursementRequest(String loanId, String applicationId, String lender, Money principal,
    Money netProceeds, long webhookWaitSeconds, long pollIntervalSeconds, int pollAttempts) {
}
