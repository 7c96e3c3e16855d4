package dev.tranche.verification;

import dev.tranche.decision.BureauReport;
import io.temporal.activity.ActivityInterface;

/** Soft credit pulls at the bureau. */
@ActivityInterface
public interface BureauActivities {

  BureauReport pullCredit(VerificationRequest request);
}
