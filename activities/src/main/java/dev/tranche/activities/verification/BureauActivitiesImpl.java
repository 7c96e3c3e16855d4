package dev.tranche.activities.verification;

import dev.tranche.activities.application.ApplicantPii;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.common.FailureType;
import dev.tranche.decision.BureauReport;
import dev.tranche.verification.BureauActivities;
import dev.tranche.verification.VerificationRequest;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

@Component("bureauActivities")
class BureauActivitiesImpl implements BureauActivities {

  private final ApplicantStore applicants;
  private final ProviderClients providers;
  private final VerificationResults results;

  BureauActivitiesImpl(ApplicantStore applicants, ProviderClients providers, VerificationResults results) {
    this.applicants = applicants;
    this.providers = providers;
    this.results = results;
  }

  @Override
  public BureauReport pullCredit(VerificationRequest request) {
    ApplicantPii pii = applicants.loadPii(request.applicationId(), "system:bureau", "soft credit pull");
    JsonNode answer = providers.bureau().post("/bureau/v1/soft-pulls", Map.of(
        "ssn", pii.ssn(), "firstName", pii.firstName(), "lastName", pii.lastName(),
        "dateOfBirth", pii.dateOfBirth().toString(), "inquiryType", "SOFT"), Map.of(), FailureType.IDENTITY_NOT_FOUND);
    BureauReport report = new BureauReport(answer.path("score").asInt(), answer.path("tradelines").asInt(),
        answer.path("publicRecords").path("bankruptcyWithin7Years").asBoolean(),
        answer.path("inquiriesLast6Months").asInt());
    results.save(request.applicationId(), "BUREAU", answer.path("reportId").asString(null), report);
    return report;
  }
}
