package dev.tranche.verification;

import dev.tranche.decision.KycResult;
import io.temporal.activity.ActivityInterface;

/** Identity verification and sanctions screening at the KYC provider. */
@ActivityInterface
public interface KycActivities {

  /** Fails non-retryably with {@code IDENTITY_NOT_FOUND} when the provider does not know the person. */
  KycResult verifyIdentity(VerificationRequest request);
}
