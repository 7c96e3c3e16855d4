package dev.tranche.activities.sms;

import java.util.Map;

/** Borrower texts. They carry ids and amounts, never PII. */
final class SmsTemplates {

  private SmsTemplates() {
  }

  static String render(String template, String applicationId, Map<String, String> params) {
    String ref = applicationId.substring(0, 8);
    return switch (template) {
      case "offers" -> "Tranche: your loan application " + ref + " is approved with " + params.get("count")
          + " offers. Review and sign in the app.";
      case "declined" -> "Tranche: we could not approve application " + ref
          + ". A notice with the reasons is available in the app.";
      case "funded" -> "Tranche: your loan for application " + ref + " is funded. " + params.get("amount")
          + " is on its way; first payment due "
          + params.get("firstDue") + ".";
      case "funding-failed" -> "Tranche: the lender could not fund application " + ref
          + ". Nothing was charged; we will be in touch.";
      default -> throw new IllegalArgumentException("unknown SMS template " + template);
    };
  }
}
