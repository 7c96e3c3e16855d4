package dev.tranche.servicing;

import java.time.LocalDate;

/** A debit as the rail reports it on {@code asOf}. */
public record DebitCheck(Debit debit, LocalDate asOf) {
}
