package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.math.BigDecimal;

/**
 * What servicing needs to know about a loan besides its money: whose it is (for texts), the
 * borrower's time zone (for quiet hours), the level payment and note rate, autopay and the payment
 * reference external payments carry, and the fees of the product version the loan was made under (read once, on
 * its first run, and kept; null in terms recorded before products were data, which then take the 1.0 fees). No
 * PII: the bank account is a tokenised rail reference.
 */
public record LoanTerms(String loanId, String applicationId, String zoneId, Money levelPayment, BigDecimal apr,
    boolean autopay, String autopayAccount, String paymentReference, boolean collateralised, int scheduleVersion,
    Money lateFee, Money returnedPaymentFee) {

  public LoanTerms(String loanId, String applicationId, String zoneId, Money levelPayment, BigDecimal apr,
      boolean autopay, String autopayAccount, String paymentReference, boolean collateralised, int scheduleVersion) {
    this(loanId, applicationId, zoneId, levelPayment, apr, autopay, autopayAccount, paymentReference, collateralised,
        scheduleVersion, null, null);
  }

  public LoanTerms withSchedule(Money payment, int version) {
    return new LoanTerms(loanId, applicationId, zoneId, payment, apr, autopay, autopayAccount, paymentReference,
        collateralised, version, lateFee, returnedPaymentFee);
  }
}
