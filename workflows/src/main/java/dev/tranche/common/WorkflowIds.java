package dev.tranche.common;

/** Workflow ids are business keys (ARCHITECTURE.md): the same business id never starts twice. */
public final class WorkflowIds {

  private WorkflowIds() {
  }

  public static String application(String applicationId) {
    return "application-" + applicationId;
  }

  public static String review(String applicationId) {
    return "review-" + applicationId;
  }

  public static String disbursement(String loanId) {
    return "disbursement-" + loanId;
  }

  public static String loan(String loanId) {
    return "loan-" + loanId;
  }

  public static String collection(String loanId, int installment) {
    return "collection-" + loanId + "-" + installment;
  }

  public static String collectionsSweep(java.time.LocalDate businessDate) {
    return "collections-sweep-" + businessDate;
  }

  public static String liquidation(String loanId) {
    return "liquidation-" + loanId;
  }

  /** The price watcher of a chain's vault (one price feed per vault). */
  public static String priceWatch(String chain) {
    return "price-watch-" + chain;
  }

  public static String collateralMonitor(String loanId) {
    return "collateral-" + loanId;
  }

  public static String bill(String billId) {
    return "bill-" + billId;
  }

  public static String settlement(String merchantId, java.time.LocalDate businessDate) {
    return "settlement-" + merchantId + "-" + businessDate;
  }

  public static String poolLoan(String loanId) {
    return "pool-loan-" + loanId;
  }

  /** One payment's on-chain record, by the key of the ledger transfer that booked it. */
  public static String paymentRecord(String ledgerKey) {
    return "payment-record-" + ledgerKey;
  }

  public static String poolReconciliation(String chain, java.time.LocalDate businessDate) {
    return "pool-reconciliation-" + chain + "-" + businessDate;
  }
}
