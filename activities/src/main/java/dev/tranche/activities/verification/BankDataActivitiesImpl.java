package dev.tranche.activities.verification;

import dev.tranche.activities.application.ApplicantPii;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.decision.BankSummary;
import dev.tranche.money.Money;
import dev.tranche.verification.BankDataActivities;
import dev.tranche.verification.VerificationRequest;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

@Component("bankDataActivities")
class BankDataActivitiesImpl implements BankDataActivities {

  private final ApplicantStore applicants;
  private final ProviderClients providers;
  private final VerificationResults results;

  BankDataActivitiesImpl(ApplicantStore applicants, ProviderClients providers, VerificationResults results) {
    this.applicants = applicants;
    this.providers = providers;
    this.results = results;
  }

  @Override
  public BankSummary summariseBankData(VerificationRequest request) {
    ApplicantPii pii = applicants.loadPii(request.applicationId(), "system:bank-data", "income verification");
    JsonNode answer = providers.bankData().post("/bankdata/v1/summaries",
        Map.of("customerRef", request.applicationId(), "ssn", pii.ssn()), Map.of(), null);
    String currency = answer.path("currency").asString("USD");
    BankSummary summary = new BankSummary(Money.of(answer.path("monthlyIncome").asString("0"), currency),
        Money.of(answer.path("averageBalance").asString("0"), currency), answer.path("nsfCount90Days").asInt());
    results.save(request.applicationId(), "BANK_DATA", null, summary);
    return summary;
  }
}
