package dev.tranche.partner;

import java.util.Map;

/**
 * An outbound partner webhook. {@code eventId} is derived from the application and the event type,
 * so a redelivery carries the same id and the partner can de-duplicate.
 */
public record PartnerEvent(String eventId, String partnerId, String type, String applicationId, long occurredAtMillis,
    Map<String, String> data) {

  public static final String SUBMITTED = "credit.application.submitted";
  public static final String APPROVED = "credit.application.approved";
  public static final String DECLINED = "credit.application.declined";
  public static final String DISBURSED = "credit.disbursement.completed";

  public PartnerEvent {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
