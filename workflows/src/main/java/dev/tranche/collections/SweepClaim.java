package dev.tranche.collections;

import java.time.LocalDate;

/** A sweep run claiming its business date. */
public record SweepClaim(LocalDate businessDate, String runId) {
}
