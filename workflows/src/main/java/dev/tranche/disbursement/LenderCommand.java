package dev.tranche.disbursement;

import dev.tranche.money.Money;

/**
 * A call to the lender. {@code idempotencyKey} is minted by the workflow from the loan id and the
 * step, and sent as the lender's {@code Idempotency-Key}, so a retry never creates or funds twice.
 */
public record LenderCommand(String idempotencyKey, String lender, String loanId, String applicationId,
    String lenderLoanId, Money amount, String reason) {
}
