package dev.tranche.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The notice a declined applicant receives (ECOA / Regulation B §1002.9 and FCRA §615(a)): at most
 * four principal reasons in plain words, and the credit score used with its range and source, or
 * none when no score was used. Built deterministically from the decision's reason codes.
 */
public record AdverseActionNotice(String applicationId, String decidedBy, List<String> reasonCodes,
    List<String> principalReasons, Integer creditScore, int scoreRangeLow, int scoreRangeHigh, String scoreSource,
    long decidedAtMillis) {

  public static final int MAX_REASONS = 4;

  public AdverseActionNotice {
    reasonCodes = List.copyOf(reasonCodes);
    principalReasons = List.copyOf(principalReasons);
  }

  public static AdverseActionNotice of(String applicationId, String decidedBy, List<String> reasonCodes,
      Integer creditScore, long decidedAtMillis) {
    Set<String> words = new LinkedHashSet<>();
    for (String code : reasonCodes) {
      ReasonCatalog.describe(code).ifPresent(words::add);
    }
    if (words.isEmpty()) {
      words.add("Your application did not meet our credit requirements.");
    }
    List<String> principal = new ArrayList<>(words).subList(0, Math.min(MAX_REASONS, words.size()));
    return new AdverseActionNotice(applicationId, decidedBy, reasonCodes, principal, creditScore, 300, 850,
        "Sandbox Credit Bureau (soft inquiry)", decidedAtMillis);
  }

  /** The full text we store and can show again: reasons, the score and the applicant's rights. */
  public String text() {
    StringBuilder t = new StringBuilder("Notice of action taken on your credit application ")
        .append(applicationId).append(".\nWe are unable to approve your application. Principal reasons:\n");
    for (int i = 0; i < principalReasons.size(); i++) {
      t.append(i + 1).append(". ").append(principalReasons.get(i)).append('\n');
    }
    if (creditScore != null) {
      t.append("Your credit score: ").append(creditScore).append(" (scores range from ").append(scoreRangeLow)
          .append(" to ").append(scoreRangeHigh).append("), from ").append(scoreSource).append(".\n");
    } else {
      t.append("No credit score was used in this decision.\n");
    }
    t.append("You have the right to a free copy of your credit report from the consumer reporting agency within "
        + "60 days, and to dispute its accuracy. The Equal Credit Opportunity Act prohibits creditors from "
        + "discriminating against credit applicants on the basis of race, color, religion, national origin, sex, "
        + "marital status or age.");
    return t.toString();
  }
}
