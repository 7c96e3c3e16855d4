package dev.tranche.money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Business dates are UTC calendar dates. */
public final class LocalDates {

  private LocalDates() {
  }

  public static LocalDate utcDate(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  public static long startOfDayMillis(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** An epoch-millisecond instant as ISO-8601 UTC text (for the workflow's own clock in payloads). */
  public static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
