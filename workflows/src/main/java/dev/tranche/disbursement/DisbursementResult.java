package dev.tranche.disbursement;

/** How the disbursement ended; {@code reason} explains a failure. */
public record DisbursementResult(String loanId, DisbursementStatus status, String lenderLoanId,
    long fundedAtMillis, String reason) {
}
