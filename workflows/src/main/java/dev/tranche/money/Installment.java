package dev.tranche.money;

import java.time.LocalDate;

/** One scheduled payment: its number (1-based), due date and the split of its total. */
public record Installment(int number, LocalDate dueDate, Money principal, Money interest, Money total,
    Money balanceAfter) {
}
