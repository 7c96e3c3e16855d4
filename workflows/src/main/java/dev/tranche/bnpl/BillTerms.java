package dev.tranche.bnpl;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;

/**
 * The terms a bill is made with, read from the product catalogue at checkout and carried by the bill
 * for its whole life (a later version of the product does not change an open bill). All arithmetic
 * on a bill's money is here, so the workflow, the API's disclosure and the tests agree to the cent.
 *
 * @param lateInterestApr   the annual rate charged on the unpaid amount once the bill is late (0.30)
 * @param dayCountBasis     days in the rate's year (365): a day's interest is unpaid × APR / basis
 * @param merchantFeeRate   the merchant's fee on each captured bill (0.015), returned pro rata on refunds
 * @param lateFee           the flat fee of the ladder's fee day (zero for a bill: its late charge is the APR)
 * @param lpTokenCollateral the shopper pledges the liquidity pool's shares worth {@code collateralRatio} of the
 *                          bill before capture, within {@code depositWindowMinutes}
 */
public record BillTerms(String productCode, int productVersion, String currency, BigDecimal minAmount,
    BigDecimal maxAmount, int gracePeriodDays, BigDecimal lateInterestApr, int dayCountBasis,
    BigDecimal merchantFeeRate, BigDecimal lateFee, BigDecimal collateralRatio, Ladder ladder,
    int checkoutMinutes, boolean lpTokenCollateral, int depositWindowMinutes) {

  public BillTerms(String productCode, int productVersion, String currency, BigDecimal minAmount,
      BigDecimal maxAmount, int gracePeriodDays, BigDecimal lateInterestApr, int dayCountBasis,
      BigDecimal merchantFeeRate, BigDecimal lateFee, BigDecimal collateralRatio, Ladder ladder, int checkoutMinutes) {
    this(productCode, productVersion, currency, minAmount, maxAmount, gracePeriodDays, lateInterestApr, dayCountBasis,
        merchantFeeRate, lateFee, collateralRatio, ladder, checkoutMinutes, false, 0);
  }

  /** Days after the due date on which each collection stage is reached. */
  public record Ladder(int friendly, int warning, int fin, int lateFee, int agency) {
  }

  public Currency money() {
    return Currency.getInstance(currency);
  }

  /** The merchant's fee on a captured bill: amount × rate, half-even to the cent. */
  public Money merchantFee(Money amount) {
    return amount.times(merchantFeeRate, RoundingMode.HALF_EVEN);
  }

  /**
   * The part of the merchant's fee a refund returns: the refund × rate, half-even, never more than
   * the fee not yet returned (so refunds adding up to the bill return exactly the fee charged).
   */
  public Money feeReturned(Money refund, Money feeNotYetReturned) {
    return refund.times(merchantFeeRate, RoundingMode.HALF_EVEN).min(feeNotYetReturned);
  }

  /** The last day the bill can be paid without late interest. */
  public LocalDate dueDate(LocalDate captured) {
    return captured.plusDays(gracePeriodDays);
  }

  /** One late day's interest on {@code unpaid}: unpaid × APR / basis, half-even to the cent. */
  public Money dailyLateInterest(Money unpaid) {
    BigDecimal interest = unpaid.amount().multiply(lateInterestApr)
        .divide(BigDecimal.valueOf(dayCountBasis), unpaid.currency().getDefaultFractionDigits(),
            RoundingMode.HALF_EVEN);
    return new Money(interest, unpaid.currency());
  }

  /** Whether {@code amount} is one this product lends. */
  public boolean accepts(Money amount) {
    return amount.currency().getCurrencyCode().equals(currency) && amount.amount().compareTo(minAmount) >= 0
        && amount.amount().compareTo(maxAmount) <= 0;
  }
}
