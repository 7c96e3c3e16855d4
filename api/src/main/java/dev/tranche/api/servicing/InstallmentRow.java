package dev.tranche.api.servicing;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.data.relational.core.mapping.Table;

@Table("installments")
record InstallmentRow(int scheduleVersion, int number, LocalDate dueDate, BigDecimal principal, BigDecimal interest,
    BigDecimal total, BigDecimal balanceAfter, String status) {
}
