package dev.tranche.partner;

import io.temporal.activity.ActivityInterface;

/** Talks to a CRM partner: status writebacks to its job API and signed webhooks to its receiver. */
@ActivityInterface
public interface PartnerActivities {

  /** Writes a status to the CRM job; a status already written is not written again. */
  void writeBack(CrmWriteback writeback);

  /** Delivers a signed event; retried by Temporal until the partner acknowledges it. */
  void deliverEvent(PartnerEvent event);

  /** Texts the borrower their one-time link (the token stays in the store, out of workflow history). */
  void sendBorrowerLink(String applicationId);

  /** True when the borrower already submitted through the link (repairs a lost signal). */
  boolean borrowerSubmitted(String applicationId);
}
