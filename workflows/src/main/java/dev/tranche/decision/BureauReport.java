package dev.tranche.decision;

/** A soft-pull credit report, reduced to what the policy reads. */
public record BureauReport(int score, int tradelines, boolean recentBankruptcy, int inquiriesLastSixMonths) {

  /** A file with fewer than three tradelines is too thin to trust the score alone. */
  public boolean thinFile() {
    return tradelines < 3;
  }
}
