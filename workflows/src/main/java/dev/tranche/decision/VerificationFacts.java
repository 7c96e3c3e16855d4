package dev.tranche.decision;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything verification learned about an application: the inputs of the decision. */
public record VerificationFacts(KycResult kyc, BureauReport bureau, BankSummary bank) {

  /** The field names a rule may refer to, as {@link #asFields()} names them. */
  public static final java.util.Set<String> FIELDS = java.util.Set.of("kyc.identityVerified", "kyc.confidence",
      "kyc.sanctionsHit", "kyc.fraudSignals", "kyc.fraudSignalCount", "bureau.score", "bureau.tradelines",
      "bureau.thinFile", "bureau.recentBankruptcy", "bureau.inquiries", "bank.monthlyIncome", "bank.averageBalance",
      "bank.nsfCount", "bank.health");

  /** The facts under the field names rules refer to. */
  public Map<String, Object> asFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kyc.identityVerified", kyc.identityVerified());
    fields.put("kyc.confidence", kyc.confidence());
    fields.put("kyc.sanctionsHit", kyc.sanctionsHit());
    fields.put("kyc.fraudSignals", kyc.fraudSignals());
    fields.put("kyc.fraudSignalCount", kyc.fraudSignals().size());
    fields.put("bureau.score", bureau.score());
    fields.put("bureau.tradelines", bureau.tradelines());
    fields.put("bureau.thinFile", bureau.thinFile());
    fields.put("bureau.recentBankruptcy", bureau.recentBankruptcy());
    fields.put("bureau.inquiries", bureau.inquiriesLastSixMonths());
    fields.put("bank.monthlyIncome", bank.monthlyIncome().amount());
    fields.put("bank.averageBalance", bank.averageBalance().amount());
    fields.put("bank.nsfCount", bank.nsfCount());
    fields.put("bank.health", bank.bankHealth());
    return fields;
  }
}
