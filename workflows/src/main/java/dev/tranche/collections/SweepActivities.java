package dev.tranche.collections;

import io.temporal.activity.ActivityInterface;
import java.time.LocalDate;
import java.util.List;

/** The daily sweep's reads and repairs. */
@ActivityInterface
public interface SweepActivities {

  /**
   * Claims {@code businessDate} for the run {@code runId}: true when this run holds the claim (first, or
   * a retry of the same run), false when another run already swept, or is sweeping, that date.
   */
  boolean claim(SweepClaim claim);

  /** The cases to open: installments due before {@code businessDate}, still unpaid, with no collection case. */
  List<CollectionRequest> missedWithoutCase(LocalDate businessDate);

  /** Active loans whose servicing workflow is not running; each is restarted from its last snapshot. */
  List<String> repairServicing();

  /** How many active loans the sweep looked at. */
  int activeLoans();

  void recordReport(SweepReport report);

  /**
   * Records each active loan's delinquency bucket and balance as of the business date (once per date and
   * loan), the history the portfolio's month-over-month roll rates are read from.
   */
  void recordDelinquency(LocalDate businessDate);
}
