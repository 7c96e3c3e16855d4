package dev.tranche.servicing;

import dev.tranche.collections.ContactHours;
import dev.tranche.money.LocalDates;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * When things happen around one installment, in epoch milliseconds: the reminders at 10:00 in the
 * borrower's zone three days and one day before the due date, the due instant (start of the due day,
 * UTC), an autopay debit's checks one banking day apart after it, and the missed-payment check a day
 * after it. Pure: the servicing run asks it when to wake next.
 */
public record InstallmentCalendar(long remind3At, long remind1At, long dueAt) {

  static final long DAY = Duration.ofDays(1).toMillis();
  private static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);

  public static InstallmentCalendar of(LocalDate dueDate, String zoneId) {
    return new InstallmentCalendar(ContactHours.at(dueDate.minusDays(3), REMINDER_TIME, zoneId),
        ContactHours.at(dueDate.minusDays(1), REMINDER_TIME, zoneId), LocalDates.startOfDayMillis(dueDate));
  }

  /** The {@code day}-th check of an autopay debit (day 1 is the banking day after the due date). */
  public long debitCheckAt(int day) {
    return dueAt + day * DAY;
  }

  /** Nothing paid a day after the due date (and no debit pending): the installment is missed. */
  public long missCheckAt() {
    return dueAt + DAY;
  }

  /**
   * The next moment the run has something to do, given what it has done: the reminders, then the due
   * date, then the pending debit's next check, else the missed-payment check.
   */
  public long nextWake(boolean reminded3, boolean reminded1, boolean accrued, Integer debitDay) {
    if (!reminded3) {
      return remind3At;
    }
    if (!reminded1) {
      return remind1At;
    }
    if (!accrued) {
      return dueAt;
    }
    return debitDay != null ? debitCheckAt(debitDay) : missCheckAt();
  }
}
