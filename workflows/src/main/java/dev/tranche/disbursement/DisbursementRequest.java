package dev.tranche.disbursement;

import dev.tranche.money.Money;

/**
 * Fund one loan at one lender: the principal booked and the net proceeds paid out.
 * {@code retrySeconds}: how long the lender's API is retried before the disbursement is compensated
 * (0 in requests made before it was carried: 24 h).
 */
public record DisbursementRequest(String loanId, String applicationId, String lender, Money principal,
    Money netProceeds, long webhookWaitSeconds, long pollIntervalSeconds, int pollAttempts, long retrySeconds) {

  public long retryWindowSeconds() {
    return retrySeconds > 0 ? retrySeconds : 24 * 3600;
  }
}
