package dev.tranche.servicing;

/** A payment (or its return) on a loan, as allocated. */
public record LoanAllocation(String loanId, Allocation allocation) {
}
