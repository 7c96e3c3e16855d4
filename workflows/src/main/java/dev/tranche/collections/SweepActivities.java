package dev.tranche.collections;

import io.temporal.activity.ActivityInterface;
import java.time.LocalDate;
import java.util.List;

/** The daily sweep's reads and repairs. */
@ActivityInterface
public interface SweepActivities {

  /** The cases to open: installments due before {@code businessDate}, still unpaid, with no collection case. */
  List<CollectionRequest> missedWithoutCase(LocalDate businessDate);

  /** Active loans whose servicing workflow is not running; each is restarted from its last snapshot. */
  List<String> repairServicing();

  /** How many active loans the sweep looked at. */
  int activeLoans();

  void recordReport(SweepReport report);
}
