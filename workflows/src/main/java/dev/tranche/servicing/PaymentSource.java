package dev.tranche.servicing;

/**
 * Where the money of a payment came from, carried in its reference's prefix: a held credit applied by
 * servicing ({@code credit:{loanId}:{n}}), a collateral liquidation's proceeds ({@code liquidation:{loanId}}),
 * or cash from the borrower (any other reference: the rail's, the autopay's).
 */
public enum PaymentSource {
  CASH(""),
  CREDIT("credit:"),
  LIQUIDATION("liquidation:");

  private final String prefix;

  PaymentSource(String prefix) {
    this.prefix = prefix;
  }

  /** The reference of a payment from this source about {@code subject} (e.g. the loan id). */
  public String reference(String subject) {
    return prefix + subject;
  }

  public static PaymentSource of(String reference) {
    if (reference.startsWith(CREDIT.prefix)) {
      return CREDIT;
    }
    return reference.startsWith(LIQUIDATION.prefix) ? LIQUIDATION : CASH;
  }
}
