package dev.tranche.servicing;

/** The servicing state as the read model stores it: the statement plus the state to restart from. */
public record LoanSnapshot(LoanStatement statement, ServicingState state) {
}
