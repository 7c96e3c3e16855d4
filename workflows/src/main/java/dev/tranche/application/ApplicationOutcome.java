package dev.tranche.application;

import java.util.List;

/** How an application ended. */
public record ApplicationOutcome(String applicationId, ApplicationStatus status, List<String> reasonCodes,
    String loanId) {
}
