package dev.tranche.bnpl;

import dev.tranche.money.Money;

/**
 * A checkout session as the merchant opened it: the start of {@code bill-{billId}}. The session lasts the
 * product's {@code checkoutMinutes} from the workflow's start, on the workflow's clock. {@code collateralChain}
 * names the LP-token vault's chain for a secured bill.
 */
public record BillRequest(String billId, String merchantId, String orderReference, Money amount,
    String paymentReference, BillTerms terms, String collateralChain) {

  public BillRequest(String billId, String merchantId, String orderReference, Money amount, String paymentReference,
      BillTerms terms) {
    this(billId, merchantId, orderReference, amount, paymentReference, terms, null);
  }
}
