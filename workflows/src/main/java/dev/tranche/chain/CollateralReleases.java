package dev.tranche.chain;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Returning a loan's collateral to the borrower, from workflow code. A release the vault refuses (it
 * reverts, e.g. while the vault is paused) is an alert for ops and is sent again with backoff (1 h,
 * doubling, at most a day apart) for about a week; the requirement is marked released only once a
 * release is mined. The collateral is never left locked with nobody told.
 */
public final class CollateralReleases {

  /** About a week of attempts: 1, 2, 4, 8, 16 hours, then daily. */
  static final int ATTEMPTS = 10;

  private CollateralReleases() {
  }

  /** True once the release is mined; false when every attempt was refused (ops were alerted each time). */
  public static boolean release(ChainActivities chain, ChainActivities receipts, String chainName, String loanId,
      String whose) {
    Duration wait = Duration.ofHours(1);
    for (int attempt = 1; ; attempt++) {
      TxOutcome released = Transactions.confirm(chain, receipts, chainName,
          chain.submitRelease(new VaultLoan(chainName, loanId)));
      if (released != null && released.success()) {
        chain.markReleased(loanId);
        return true;
      }
      boolean last = attempt >= ATTEMPTS;
      chain.recordAlert(new CollateralAlert(loanId, "the collateral of " + whose + " could not be released (attempt "
          + attempt + "): " + (last ? "return it by hand" : "trying again in " + wait.toHours() + " h")));
      if (last) {
        return false;
      }
      Workflow.sleep(wait);
      wait = wait.multipliedBy(2).compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait.multipliedBy(2);
    }
  }
}
