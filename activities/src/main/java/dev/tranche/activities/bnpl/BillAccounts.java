package dev.tranche.activities.bnpl;

import dev.tranche.servicing.LoanAccounts;

/** The ledger accounts of bills and merchants, and the book-wide ones they post against. */
public final class BillAccounts {

  public static final String MERCHANT_FEE_INCOME = "income:merchant-fees";
  public static final String LATE_INTEREST_INCOME = "income:bnpl-late-interest";
  /** Tranche's operating cash: shoppers' payments come in here, merchants' payouts go out. */
  public static final String CASH = LoanAccounts.CASH;

  private BillAccounts() {
  }

  /** What the shopper owes on the bill's amount: an asset. */
  public static String receivable(String billId) {
    return "bill:" + billId + ":receivable";
  }

  /** Late interest charged and not yet paid: an asset. */
  public static String lateInterest(String billId) {
    return "bill:" + billId + ":late-interest";
  }

  /** What the bill owes the shopper back (an overpayment): a liability. */
  public static String credit(String billId) {
    return "bill:" + billId + ":credit";
  }

  /** What Tranche owes the merchant until its next settlement: a liability. */
  public static String merchantPayable(String merchantId) {
    return "merchant:" + merchantId + ":payable";
  }
}
