package dev.tranche.bnpl;

import java.util.Map;

/**
 * An outbound merchant webhook. The id is derived from the bill (or batch) and the event, so a
 * redelivery carries the same id and the merchant can de-duplicate.
 */
public record MerchantEvent(String eventId, String merchantId, String type, String billId, long occurredAtMillis,
    Map<String, String> data) {

  public static final String AUTHORIZED = "bill.authorized";
  public static final String CAPTURED = "bill.captured";
  public static final String REFUNDED = "bill.refunded";
  public static final String OVERDUE = "bill.overdue";
  public static final String SETTLEMENT_PAID = "settlement.paid";
  public static final String REPAYMENT_DUE = "repayment.due";
  public static final String REPAYMENT_RECEIVED = "repayment.received";
  public static final String REPAYMENT_MISSED = "repayment.missed";
  public static final String COLLECTION_INITIATED = "collection.initiated";

  public MerchantEvent {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
