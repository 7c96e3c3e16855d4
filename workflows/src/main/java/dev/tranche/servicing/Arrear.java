package dev.tranche.servicing;

import dev.tranche.money.Money;
import java.time.LocalDate;

/** What is still owed of one installment (interest and principal), oldest first. */
public record Arrear(int installment, LocalDate dueDate, Money remaining) {
}
