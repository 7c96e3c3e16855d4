package dev.tranche.servicing;

/** A loan charged off from the position it had. */
public record ChargeOff(String loanId, LoanPosition before) {
}
