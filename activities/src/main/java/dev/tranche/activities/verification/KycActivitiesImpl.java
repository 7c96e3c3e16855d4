package dev.tranche.activities.verification;

import dev.tranche.activities.application.ApplicantPii;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.common.FailureType;
import dev.tranche.decision.KycResult;
import dev.tranche.verification.KycActivities;
import dev.tranche.verification.VerificationRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

@Component("kycActivities")
class KycActivitiesImpl implements KycActivities {

  private final ApplicantStore applicants;
  private final ProviderClients providers;
  private final VerificationResults results;

  KycActivitiesImpl(ApplicantStore applicants, ProviderClients providers, VerificationResults results) {
    this.applicants = applicants;
    this.providers = providers;
    this.results = results;
  }

  @Override
  public KycResult verifyIdentity(VerificationRequest request) {
    ApplicantPii pii = applicants.loadPii(request.applicationId(), "system:kyc", "identity verification");
    JsonNode answer = providers.kyc().post("/kyc/v1/verifications", Map.of(
        "firstName", pii.firstName(), "lastName", pii.lastName(), "ssn", pii.ssn(),
        "dateOfBirth", pii.dateOfBirth().toString(),
        "address", Map.of("line1", pii.addressLine1(), "city", pii.city(), "region", pii.region(),
            "postalCode", pii.postalCode(), "country", pii.country())),
        Map.of(), FailureType.IDENTITY_NOT_FOUND);
    List<String> signals = new ArrayList<>();
    answer.path("fraudSignals").forEach(s -> signals.add(s.asString()));
    KycResult result = new KycResult(answer.path("identityVerified").asBoolean(),
        new BigDecimal(answer.path("confidence").asString("0")), answer.path("sanctions").path("hit").asBoolean(),
        signals);
    results.save(request.applicationId(), "KYC", answer.path("verificationId").asString(null), result);
    return result;
  }
}
