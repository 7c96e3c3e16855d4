package dev.tranche.servicing;

import dev.tranche.collections.CollectionLadder;
import dev.tranche.collections.CollectionRequest;
import dev.tranche.money.Money;
import java.math.BigDecimal;

/**
 * What servicing needs to know about a loan besides its money: whose it is (for texts), the
 * borrower's time zone (for quiet hours), the level payment and note rate, autopay and the payment
 * reference external payments carry, and the fees, collection ladder and charge-off day of the product version the
 * loan was made under (read once, on its first run, and kept; null in terms recorded before products were data,
 * which then take the 1.0 fees, the standard ladder and 120 days). No PII: the bank account is a tokenised rail
 * reference.
 */
public record LoanTerms(String loanId, String applicationId, String zoneId, Money levelPayment, BigDecimal apr,
    boolean autopay, String autopayAccount, String paymentReference, boolean collateralised, int scheduleVersion,
    Money lateFee, Money returnedPaymentFee, CollectionLadder ladder, Integer chargeOffDays) {

  /** Charge-off at 120 days past due unless the product says otherwise. */
  public static final int STANDARD_CHARGE_OFF_DAYS = 120;

  public LoanTerms(String loanId, String applicationId, String zoneId, Money levelPayment, BigDecimal apr,
      boolean autopay, String autopayAccount, String paymentReference, boolean collateralised, int scheduleVersion,
      Money lateFee, Money returnedPaymentFee) {
    this(loanId, applicationId, zoneId, levelPayment, apr, autopay, autopayAccount, paymentReference, collateralised,
        scheduleVersion, lateFee, returnedPaymentFee, null, null);
  }

  public LoanTerms(String loanId, String applicationId, String zoneId, Money levelPayment, BigDecimal apr,
      boolean autopay, String autopayAccount, String paymentReference, boolean collateralised, int scheduleVersion) {
    this(loanId, applicationId, zoneId, levelPayment, apr, autopay, autopayAccount, paymentReference, collateralised,
        scheduleVersion, null, null);
  }

  public LoanTerms withSchedule(Money payment, int version) {
    return new LoanTerms(loanId, applicationId, zoneId, payment, apr, autopay, autopayAccount, paymentReference,
        collateralised, version, lateFee, returnedPaymentFee, ladder, chargeOffDays);
  }

  /** The collection case for a missed installment of this loan: measured from its due date, on the product's terms. */
  public CollectionRequest collectionFor(String loanId, Arrear arrear) {
    return new CollectionRequest(loanId, applicationId, arrear.installment(), arrear.dueDate(), arrear.remaining(),
        zoneId, collateralised, lateFee, ladder);
  }

  /** Days past due at which the loan is charged off. */
  public int chargeOffAfterDays() {
    return chargeOffDays == null || chargeOffDays <= 0 ? STANDARD_CHARGE_OFF_DAYS : chargeOffDays;
  }
}
