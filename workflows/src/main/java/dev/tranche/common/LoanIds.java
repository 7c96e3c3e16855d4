package dev.tranche.common;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A loan's id is a business key derived from its application (an application makes at most one loan):
 * every run of the application, a restarted one included, keys the same loan at the lender, in the vault,
 * in the ledger and in {@code disbursement-{loanId}}.
 */
public final class LoanIds {

  private LoanIds() {
  }

  public static String forApplication(String applicationId) {
    return UUID.nameUUIDFromBytes(("loan:" + applicationId).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
