package dev.tranche.partner;

import java.util.Map;

/**
 * Something about a loan its partner asked to hear of ({@code repayment.due}, {@code repayment.received},
 * {@code repayment.missed}, {@code collection.initiated}); {@code occurrence} makes its event id unique (the
 * installment, the payment's reference).
 */
public record PartnerNotice(String loanId, String type, String occurrence, long occurredAtMillis,
    Map<String, String> data) {

  public static final String REPAYMENT_DUE = "repayment.due";
  public static final String REPAYMENT_RECEIVED = "repayment.received";
  public static final String REPAYMENT_MISSED = "repayment.missed";
  public static final String COLLECTION_INITIATED = "collection.initiated";

  public PartnerNotice {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
