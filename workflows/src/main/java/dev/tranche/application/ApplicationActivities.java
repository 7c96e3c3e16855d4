package dev.tranche.application;

import dev.tranche.decision.AdverseActionNotice;
import io.temporal.activity.ActivityInterface;

/** Persists the application's business facts. Every method is idempotent by application id. */
@ActivityInterface
public interface ApplicationActivities {

  /**
   * Moves the application to a status and mirrors it in the ops read model of its workflow
   * (repeating the same transition is a no-op).
   */
  void markStatus(StatusChange change);

  /** Stores a decision snapshot; one per (application, decider). */
  void recordDecision(DecisionRecord decision);

  /** Stores the offers; a repeat replaces nothing. */
  void saveOffers(OfferSet offers);

  /** Stores the signature evidence; one per application. */
  void recordSignature(SignatureRecord signature);

  /** Stores the full adverse action notice of a decline; one per application. */
  void recordAdverseAction(AdverseActionNotice notice);
}
