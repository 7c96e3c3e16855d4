package dev.tranche.partner;

/** A financing status written back to the partner's CRM job; once per (application, status). */
public record CrmWriteback(String applicationId, String partnerId, String jobId, String status) {

  public String idempotencyKey() {
    return applicationId + ":" + status;
  }
}
