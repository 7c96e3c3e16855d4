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
      case "adverse-action" -> "Tranche: we could not approve application " + ref + ". Principal reasons: "
          + params.get("reasons") + (params.getOrDefault("score", "").isEmpty() ? " No credit score was used."
          : " Credit score used: " + params.get("score") + " (range 300-850).")
          + " Your full notice, with your rights under the ECOA and FCRA, is in the app.";
      case "borrower-link" -> "Tranche: " + params.get("partner") + " has arranged financing for your job. "
          + "Finish your application within 24 hours: " + params.get("link");
      default -> throw new IllegalArgumentException("unknown SMS template " + template);
    };
  }
}
