package dev.tranche.api.bnpl;

import dev.tranche.activities.bnpl.Bills;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.bnpl.BillView;
import dev.tranche.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A bill as the API shows it, live from its workflow when it runs, from the bill book otherwise. The
 * merchant's fee is shown to the merchant and ops, not to the shopper (it is not theirs to pay).
 */
record BillAnswer(String billId, String merchantId, String orderReference, String status, String shopper,
    Money amount, Money merchantFee, Money refunded, Money paid, Money lateInterest, Money outstanding,
    LocalDate dueDate, Integer daysLate, String paymentReference, String checkoutUrl, Instant checkoutExpiresAt,
    String settlementId, String funding, List<String> stages, List<PoolDesk.Movement> onChain, Bills.Pledge pledge) {

  static BillAnswer of(Bills.Bill stored, BillView live, String checkoutUrl, boolean showFee) {
    return of(stored, live, checkoutUrl, showFee, null, null);
  }

  /**
   * As above, with the bill's movements of the pool's money on chain (a pool-funded bill): the draw, and each
   * repayment with its transaction and receipt (the hash of the ledger transfer that booked it); and a secured
   * bill's pledge (the vault, the LP token, the units asked of the shopper's wallet, where it stands).
   */
  static BillAnswer of(Bills.Bill stored, BillView live, String checkoutUrl, boolean showFee,
      List<PoolDesk.Movement> onChain, Bills.Pledge pledge) {
    if (live == null) {
      return new BillAnswer(stored.billId(), stored.merchantId(), stored.orderReference(), stored.status(),
          stored.shopper(), stored.amount(), showFee ? stored.merchantFee() : null, stored.refunded(), stored.paid(),
          stored.lateInterest(), stored.outstanding(), stored.dueDate(), null, stored.paymentReference(),
          checkoutUrl, stored.expiresAt(), showFee ? stored.settlementId() : null, stored.funding(), null, onChain,
          pledge);
    }
    return new BillAnswer(live.billId(), live.merchantId(), live.orderReference(), live.status().name(),
        live.shopper(), live.amount(), showFee ? stored.merchantFee() : null, live.refunded(),
        live.principalPaid().plus(live.interestPaid()), live.lateInterest(), live.outstanding(), live.dueDate(),
        live.daysLate(), live.paymentReference(), checkoutUrl, stored.expiresAt(),
        showFee ? stored.settlementId() : null, stored.funding(), live.stages(), onChain, pledge);
  }
}
