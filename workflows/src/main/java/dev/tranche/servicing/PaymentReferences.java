package dev.tranche.servicing;

import java.util.Locale;

/**
 * The reference a borrower quotes on an external payment (bank transfer, bill pay): {@code TR} and the
 * first 12 hex digits of the loan id. It is on the loan, its statement and the funding text.
 */
public final class PaymentReferences {

  private PaymentReferences() {
  }

  public static String of(String loanId) {
    return "TR" + loanId.replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
  }
}
