package dev.tranche.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The KYC/sanctions provider, the credit bureau and the bank-data aggregator. */
final class IdentityProviders {

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/kyc/v1/verifications", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          if (!body.hasNonNull("ssn") || !body.hasNonNull("lastName")) {
            Exchanges.error(ex, 400, "ssn_and_last_name_required");
            return;
          }
          Persona p = Persona.forSsn(body.get("ssn").asText());
          if (!p.identityFound()) {
            Exchanges.error(ex, 404, "identity_not_found");
            return;
          }
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("verificationId", "kyc_" + UUID.randomUUID());
          answer.put("identityVerified", p.identityVerified());
          answer.put("confidence", p.kycConfidence().toPlainString());
          answer.put("sanctions", Map.of("hit", p.sanctionsHit(), "lists", p.sanctionsHit() ? List.of("OFAC-SDN") : List.of()));
          answer.put("fraudSignals", p.fraudSignals());
          Exchanges.json(ex, 200, answer);
        }),
        Route.of("POST", "/bureau/v1/soft-pulls", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          if (!body.hasNonNull("ssn")) {
            Exchanges.error(ex, 400, "ssn_required");
            return;
          }
          Persona p = Persona.forSsn(body.get("ssn").asText());
          if (!p.identityFound()) {
            Exchanges.error(ex, 404, "no_file");
            return;
          }
          Exchanges.json(ex, 200, Map.of("reportId", "rpt_" + UUID.randomUUID(), "score", p.creditScore(),
              "scoreModel", "FICO8", "tradelines", p.tradelines(), "publicRecords",
              Map.of("bankruptcyWithin7Years", p.recentBankruptcy()), "inquiriesLast6Months", p.inquiries()));
        }),
        Route.of("POST", "/bankdata/v1/summaries", (ex, m) -> {
          JsonNode body = Exchanges.jsonBody(ex);
          if (!body.hasNonNull("ssn")) {
            Exchanges.error(ex, 400, "ssn_required");
            return;
          }
          Persona p = Persona.forSsn(body.get("ssn").asText());
          Exchanges.json(ex, 200, Map.of("currency", "USD", "monthlyIncome", p.monthlyIncome().toPlainString(),
              "averageBalance", p.averageBalance().toPlainString(), "nsfCount90Days", p.nsfCount()));
        }));
  }
}
