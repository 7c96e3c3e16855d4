package dev.tranche.activities.sms;

import java.util.Map;

/** Borrower texts. They carry ids and amounts, never PII. */
final class SmsTemplates {

  private SmsTemplates() {
  }

  /** Collection (and any marketing) texts stop when the borrower replies STOP; transactional ones do not. */
  static boolean needsConsent(String template) {
    return template.startsWith("collection-");
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
          + params.get("firstDue") + "." + (params.containsKey("reference")
          ? " To pay other than by autopay, quote reference " + params.get("reference") + "." : "");
      case "delayed" -> "Tranche: application " + ref + " is taking longer than usual because one of our"
          + " providers is not answering. Nothing is needed from you; we will text you when it moves on.";
      case "funding-failed" -> "Tranche: the lender could not fund application " + ref
          + ". Nothing was charged; we will be in touch.";
      case "adverse-action" -> "Tranche: we could not approve application " + ref + ". Principal reasons: "
          + params.get("reasons") + (params.getOrDefault("score", "").isEmpty() ? " No credit score was used."
          : " Credit score used: " + params.get("score") + " (range 300-850).")
          + " Your full notice, with your rights under the ECOA and FCRA, is in the app.";
      case "borrower-link" -> "Tranche: " + params.get("partner") + " has arranged financing for your job. "
          + "Finish your application within 24 hours: " + params.get("link");
      case "payment-reminder-3", "payment-reminder-1" -> "Tranche: your payment of " + params.get("amount")
          + " is due on " + params.get("dueDate") + ("true".equals(params.get("autopay"))
          ? "; autopay will collect it." : ". Pay in the app or by bank transfer.");
      case "payment-returned" -> "Tranche: your bank returned your payment of " + params.get("amount") + " ("
          + params.get("code") + "). Please pay in the app to keep your loan current.";
      case "collection-friendly" -> "Tranche: a friendly reminder that " + params.get("amount") + " due on "
          + params.get("dueDate") + " is unpaid. Pay in the app, or reply STOP to stop these texts.";
      case "collection-warning" -> "Tranche: " + params.get("amount") + " due on " + params.get("dueDate")
          + " is 7 days late. A late fee applies from day 14.";
      case "collection-final" -> "Tranche: final notice: " + params.get("amount") + " due on " + params.get("dueDate")
          + " is unpaid. A late fee is charged tomorrow.";
      case "collection-liquidation-warning" -> "Tranche: your loan is 21 days past due. Unless you pay, your "
          + "collateral will be liquidated from day 30.";
      case "collection-agency" -> "Tranche: your past-due balance has been placed with a collection agency.";
      case "margin-call" -> "Tranche: the collateral behind your loan " + ref + " has fallen in value. Add "
          + "collateral or repay part of the loan to avoid liquidation.";
      case "collateral-requested" -> "Tranche: to fund application " + ref + ", deposit the collateral shown in "
          + "the app into the vault from your wallet. The offer lapses if it does not arrive in time.";
      case "collateral-liquidated" -> "Tranche: the collateral behind your loan " + ref + " was liquidated; "
          + "details are in the app.";
      default -> throw new IllegalArgumentException("unknown SMS template " + template);
    };
  }
}
