package dev.tranche.disbursement;

/** The lender's view of a loan: its id there and its status (CREATED, PENDING, FUNDED, FAILED, CANCELLED). */
public record LenderLoan(String lenderLoanId, String status, long fundedAtMillis) {

  public boolean funded() {
    return "FUNDED".equals(status);
  }

  public boolean failed() {
    return "FAILED".equals(status) || "CANCELLED".equals(status);
  }
}
