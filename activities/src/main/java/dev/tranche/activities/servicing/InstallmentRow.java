package dev.tranche.activities.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.data.relational.core.mapping.Table;

@Table("installments")
public record InstallmentRow(int scheduleVersion, int number, LocalDate dueDate, BigDecimal principal, BigDecimal interest,
    BigDecimal total, BigDecimal balanceAfter, String status) {
}
