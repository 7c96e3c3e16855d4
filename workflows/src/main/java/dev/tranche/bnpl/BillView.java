package dev.tranche.bnpl;

import dev.tranche.money.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * A bill as its workflow holds it. {@code outstanding} is what the shopper owes now: the amount less
 * refunds and principal paid, plus late interest not yet paid.
 */
public record BillView(String billId, String merchantId, String orderReference, BillStatus status, String shopper,
    Money amount, Money merchantFee, Money refunded, Money principalPaid, Money lateInterest, Money interestPaid,
    Money outstanding, LocalDate dueDate, int daysLate, String paymentReference, List<String> stages) {
}
