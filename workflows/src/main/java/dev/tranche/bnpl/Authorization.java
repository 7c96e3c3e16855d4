package dev.tranche.bnpl;

/** The shopper's authorisation for a bill: approved, or refused with a reason the shopper can read. */
public record Authorization(boolean approved, String reason) {
}
