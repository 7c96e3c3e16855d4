package dev.tranche.decision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every reason code a decision may carry, in the plain words an adverse action notice uses
 * (Regulation B, §1002.9(b)(2): specific principal reasons, not "internal standards"). Underwriters
 * choose from the same list, so every decline can be explained.
 */
public final class ReasonCatalog {

  private static final Map<String, String> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put("LOW_CREDIT_SCORE", "Your credit score is below our minimum.");
    WORDS.put("LOW_SCORE", "Your overall credit profile did not meet our requirements.");
    WORDS.put("THIN_FILE", "Your credit history is too limited.");
    WORDS.put("RECENT_BANKRUPTCY", "A bankruptcy appears on your credit report.");
    WORDS.put("IDENTITY_NOT_VERIFIED", "We could not verify your identity.");
    WORDS.put("IDENTITY_NOT_FOUND", "We could not verify your identity.");
    WORDS.put("SANCTIONS_HIT", "We are unable to lend to you under applicable law.");
    WORDS.put("FRAUD_SIGNALS", "We could not verify the information you provided.");
    WORDS.put("FRAUD_SYNTHETIC_IDENTITY", "We could not verify the information you provided.");
    WORDS.put("SYNTHETIC_IDENTITY", "We could not verify the information you provided.");
    WORDS.put("INSUFFICIENT_INCOME", "Your income is insufficient for the amount requested.");
    WORDS.put("EXCESSIVE_OBLIGATIONS", "Your existing obligations are too high relative to your income.");
    WORDS.put("INSUFFICIENT_BANK_HISTORY", "Your bank account history is too short or irregular.");
    WORDS.put("DELINQUENT_OBLIGATIONS", "You have delinquent past or present credit obligations.");
    WORDS.put("TOO_MANY_INQUIRIES", "There are too many recent inquiries on your credit report.");
    WORDS.put("UNVERIFIABLE_INCOME", "We could not verify your income.");
    WORDS.put("NO_LENDER_OFFERS", "No lender in our marketplace could offer credit on the terms requested.");
    WORDS.put("AMOUNT_TOO_HIGH", "The amount requested is more than we can lend to you.");
  }

  private ReasonCatalog() {
  }

  public static Set<String> codes() {
    return WORDS.keySet();
  }

  public static boolean known(String code) {
    return WORDS.containsKey(code);
  }

  public static Optional<String> describe(String code) {
    return Optional.ofNullable(WORDS.get(code));
  }
}
