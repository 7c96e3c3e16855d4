package dev.tranche.verification;

import dev.tranche.decision.BankSummary;
import io.temporal.activity.ActivityInterface;

/** Income, balances and NSF events from the bank-data aggregator. */
@ActivityInterface
public interface BankDataActivities {

  BankSummary summariseBankData(VerificationRequest request);
}
