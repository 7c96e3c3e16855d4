package dev.tranche.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** When a servicing run wakes around one installment. */
class InstallmentCalendarTest {

  private static final LocalDate DUE = LocalDate.of(2027, 3, 15);

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void reminders_are_at_ten_in_the_borrowers_zone_and_the_due_instant_is_the_start_of_the_due_day_utc() {
    InstallmentCalendar calendar = InstallmentCalendar.of(DUE, "America/New_York");
    // 10:00 EDT on 12 and 14 March 2027 (daylight saving began on the 14th at 02:00)
    assertThat(calendar.remind3At()).isEqualTo(at("2027-03-12T15:00:00Z"));
    assertThat(calendar.remind1At()).isEqualTo(at("2027-03-14T14:00:00Z"));
    assertThat(calendar.dueAt()).isEqualTo(at("2027-03-15T00:00:00Z"));
    assertThat(calendar.missCheckAt()).isEqualTo(at("2027-03-16T00:00:00Z"));
    assertThat(calendar.debitCheckAt(3)).isEqualTo(at("2027-03-18T00:00:00Z"));
  }

  @Test
  void the_next_wake_follows_what_the_run_has_done() {
    InstallmentCalendar calendar = InstallmentCalendar.of(DUE, "UTC");
    assertThat(calendar.nextWake(false, false, false, null)).isEqualTo(calendar.remind3At());
    assertThat(calendar.nextWake(true, false, false, null)).isEqualTo(calendar.remind1At());
    assertThat(calendar.nextWake(true, true, false, null)).isEqualTo(calendar.dueAt());
    assertThat(calendar.nextWake(true, true, true, 2)).as("a pending debit's next check").isEqualTo(calendar.debitCheckAt(2));
    assertThat(calendar.nextWake(true, true, true, null)).as("the missed-payment check").isEqualTo(calendar.missCheckAt());
  }
}
