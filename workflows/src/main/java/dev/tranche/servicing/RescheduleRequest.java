package dev.tranche.servicing;

import java.util.List;

/**
 * A hardship reschedule, approved by ops: the remaining principal re-amortised over
 * {@code remainingInstallments} months (more months, a lower payment). {@code approverRoles} are the
 * approver's roles as the API saw them.
 */
public record RescheduleRequest(int remainingInstallments, String reason, String approvedBy,
    List<String> approverRoles) {

  public RescheduleRequest {
    approverRoles = approverRoles == null ? List.of() : List.copyOf(approverRoles);
  }
}
