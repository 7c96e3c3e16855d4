package dev.tranche.collections;

import io.temporal.activity.ActivityInterface;

/** The collection case's record and its hand-offs. */
@ActivityInterface
public interface CollectionActivities {

  /**
   * Opens the case for a missed installment as its own workflow ({@code collection-{loanId}-{n}}),
   * unless it is open or already ended; true when this call opened it.
   */
  boolean openCase(CollectionRequest request);

  /** Records the case's stage in the read model (and the audit log). */
  void recordStage(StageReached stage);

  /** Places the debt with the collection agency; returns the agency's acknowledgement id. Idempotent. */
  String handOffToAgency(AgencyPlacement placement);

  /**
   * Records the liquidation hand-off of a collateralised loan (the on-chain liquidation workflow
   * picks it up from here).
   */
  void requestLiquidation(LiquidationHandOff handOff);
}
