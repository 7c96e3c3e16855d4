package dev.tranche.bnpl;

import dev.tranche.money.Money;
import java.time.LocalDate;

/**
 * One money movement on a bill, posted as one balanced ledger transfer under {@code key}.
 * {@code kind}: CAPTURE (amount, fee), REFUND (amount, fee returned), PAYMENT (principal, interest,
 * excess), LATE_INTEREST (interest for {@code date}).
 */
public record BillPosting(String key, String kind, String billId, String merchantId, Money principal, Money fee,
    Money interest, Money excess, LocalDate date, String reference) {
}
