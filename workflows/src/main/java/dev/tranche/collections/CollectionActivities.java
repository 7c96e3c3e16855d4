package dev.tranche.collections;

import dev.tranche.money.Money;
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
  void recordStage(String loanId, int installment, String stage, long atMillis);

  /** Places the debt with the collection agency; returns the agency's acknowledgement id. Idempotent. */
  String handOffToAgency(String loanId, int installment, Money amount);

  /**
   * Records the liquidation hand-off of a collateralised loan (the on-chain liquidation workflow
   * picks it up from here).
   */
  void requestLiquidation(String loanId, int installment);
}
