package dev.tranche.bnpl;

import dev.tranche.chain.PledgeRequest;
import dev.tranche.money.Money;
import io.temporal.activity.ActivityInterface;
import java.time.LocalDate;
import java.util.Map;

/**
 * A bill's outside world: the bill book, the ledger, the payment rail and the merchant's webhook.
 * Every money movement is one balanced ledger transfer under its business key, so a retried
 * activity never moves money twice.
 */
@ActivityInterface(namePrefix = "Bill")
public interface BillActivities {

  /** The shopper's authorisation: their open bills and this one within the shopper limit. Records it. */
  Authorization authorise(String billId, String shopper);

  /**
   * Capture: Dr the bill's receivable (amount), Cr the merchant's payable (amount − fee), Cr merchant-fee
   * income (fee); the bill's capture and due dates recorded. Key {@code bill-capture:{billId}}.
   */
  void capture(BillPosting capture, LocalDate dueDate);

  /** A refund, a payment or a day's late interest, with its ledger transfer; refunds also kept as rows. */
  void post(BillPosting posting);

  /** Keeps the bill's read model (status, amounts) in step with its workflow. */
  void record(BillView view);

  /** A collection or life-cycle stage reached, once per bill and stage. */
  void stage(String billId, String stage, Map<String, String> detail);

  /** The checkout session ran out before the shopper confirmed. */
  void expire(String billId);

  /** Starts the merchant's settlement batch for {@code businessDate} unless it is already running or done. */
  void startSettlement(String merchantId, LocalDate businessDate);

  /** Starts the bill's {@code bill-collateral-{billId}} workflow on the chain queue, once. */
  void startCollateral(PledgeRequest request);

  /** Builds, posts and pays the merchant's batch; idempotent by the batch id. */
  Settlement settle(String merchantId, LocalDate businessDate);

  /** Places an unpaid bill with the collection agency; returns its acknowledgement. Idempotent. */
  String handOffToAgency(String billId, Money amount);

  /** Delivers a signed webhook to the merchant (kept in an outbox row; retried with backoff). */
  void deliverEvent(MerchantEvent event);
}
