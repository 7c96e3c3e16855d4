package dev.tranche.servicing;

import dev.tranche.money.Installment;
import java.time.LocalDate;

/**
 * What the servicing workflow's update validators check, free of Temporal: each throws (changing
 * nothing) when the request cannot be honoured. {@code status} is null while the loan is not serviced yet.
 */
final class ServicingRequests {

  private ServicingRequests() {
  }

  /** A payoff quote is for a day from today to 30 days ahead, and no later than the next due date. */
  static void payoffQuote(LoanStatus status, LocalDate today, LocalDate validOn, Installment next) {
    requireActive(status);
    if (validOn == null || validOn.isBefore(today) || validOn.isAfter(today.plusDays(30))) {
      throw new IllegalArgumentException("a payoff quote is for a date from today to 30 days ahead");
    }
    if (next != null && validOn.isAfter(next.dueDate())) {
      throw new IllegalArgumentException("a payoff quote is valid up to the next due date, " + next.dueDate());
    }
  }

  /** A hardship reschedule needs an ops approver, 1 to 120 installments, a reason, and an installment left. */
  static void reschedule(LoanStatus status, RescheduleRequest r, Installment next) {
    requireActive(status);
    if (r == null || r.approvedBy() == null || r.approvedBy().isBlank()
        || !(r.approverRoles().contains("OPS") || r.approverRoles().contains("ADMIN"))) {
      throw new IllegalStateException("a hardship reschedule needs an ops approver");
    }
    if (r.remainingInstallments() < 1 || r.remainingInstallments() > 120) {
      throw new IllegalArgumentException("remainingInstallments must be 1 to 120");
    }
    if (r.reason() == null || r.reason().isBlank()) {
      throw new IllegalArgumentException("a reason is required");
    }
    if (next == null) {
      throw new IllegalStateException("the loan is past its last installment");
    }
  }

  /** A promise to pay is for a day within the next 30, and only when something is past due. */
  static void promiseToPay(LoanStatus status, LocalDate today, LocalDate date, LoanPosition position) {
    requireActive(status);
    if (date == null || !date.isAfter(today) || date.isAfter(today.plusDays(30))) {
      throw new IllegalArgumentException("a promise to pay is for a date within the next 30 days");
    }
    if (position.arrears().isEmpty()) {
      throw new IllegalStateException("nothing is past due");
    }
  }

  private static void requireActive(LoanStatus status) {
    if (status != LoanStatus.ACTIVE) {
      throw new IllegalStateException("the loan is " + (status == null ? "not serviced yet" : status));
    }
  }
}
