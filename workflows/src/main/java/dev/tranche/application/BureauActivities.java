package dev.tranche.application;

import dev.tranche.decision.BureauReport;
import io.temporal.activity.ActivityInterface;

/** Soft credit pulls at the bureau. */
@ActivityInterface
public interface BureauActivities {

  BureauReport pullCredit(VerificationRequest request);
}
