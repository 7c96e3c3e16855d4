package dev.tranche.application;

import java.util.List;

/** A status transition to persist; {@code loanId} is set once a loan exists. */
public record StatusChange(String applicationId, ApplicationStatus status, List<String> reasonCodes, String loanId) {

  public StatusChange {
    reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
  }
}
