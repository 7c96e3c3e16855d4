package dev.tranche.disbursement;

/** The lender's verified {@code loan.funded} webhook, delivered as a signal. */
public record FundingConfirmation(String eventId, String lenderLoanId, long fundedAtMillis) {
}
