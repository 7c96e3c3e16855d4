package dev.tranche.activities.servicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A loan and its installments, read as one Spring Data JDBC aggregate. */
@Table("loans")
public record LoanRow(@Id UUID id, UUID applicationId, String borrowerId, String lender, String lenderLoanId,
    BigDecimal principal, String currency, BigDecimal apr, int termMonths, BigDecimal monthlyPayment,
    BigDecimal originationFee, String status, Instant fundedAt, String paymentReference,
    @MappedCollection(idColumn = "loan_id") Set<InstallmentRow> installments) {
}
