package dev.tranche.servicing;

import dev.tranche.money.Installment;
import java.util.List;

/** One version of a loan's schedule, with why it was made and who approved it. */
public record ScheduleVersion(String loanId, int version, List<Installment> installments, String reason, String approvedBy) {
}
