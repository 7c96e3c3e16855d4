package dev.tranche.servicing;

/** The ledger accounts of one loan, and the book-wide ones servicing posts against. */
public final class LoanAccounts {

  public static final String CASH = "cash:collections";
  /** Seized collateral's value, held until servicing applies it to the loan. */
  public static final String LIQUIDATION_PROCEEDS = "suspense:liquidation-proceeds";
  public static final String SUSPENSE = "suspense:unmatched-payments";
  public static final String INTEREST_INCOME = "income:interest";
  public static final String LATE_FEE_INCOME = "income:late-fees";
  public static final String FEE_INCOME = "income:fees";
  public static final String RECOVERIES = "income:recoveries";
  public static final String CHARGE_OFFS = "expense:charge-offs";

  private LoanAccounts() {
  }

  public static String principal(String loanId) {
    return "loan:" + loanId + ":principal";
  }

  public static String interest(String loanId) {
    return "loan:" + loanId + ":interest";
  }

  public static String fees(String loanId) {
    return "loan:" + loanId + ":fees";
  }

  public static String penalties(String loanId) {
    return "loan:" + loanId + ":penalties";
  }

  /** What the loan owes the borrower back (a held overpayment): a liability. */
  public static String credit(String loanId) {
    return "loan:" + loanId + ":credit";
  }
}
