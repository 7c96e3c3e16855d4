package dev.tranche.collections;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Texts go out between 8:00 and 21:00 in the borrower's time zone; a text due outside those hours
 * waits for the next 8:00. Pure: zone rules are data, so workflows may use it.
 */
public final class ContactHours {

  public static final LocalTime OPENS = LocalTime.of(8, 0);
  public static final LocalTime CLOSES = LocalTime.of(21, 0);

  private ContactHours() {
  }

  public static long nextAllowed(long epochMillis, String zoneId) {
    ZoneId zone = ZoneId.of(zoneId == null ? "America/New_York" : zoneId);
    ZonedDateTime local = Instant.ofEpochMilli(epochMillis).atZone(zone);
    LocalTime time = local.toLocalTime();
    if (!time.isBefore(OPENS) && time.isBefore(CLOSES)) {
      return epochMillis;
    }
    ZonedDateTime next = time.isBefore(OPENS) ? local.with(OPENS) : local.plusDays(1).with(OPENS);
    return next.toInstant().toEpochMilli();
  }

  /** {@code time} on {@code date} in the borrower's zone, as epoch milliseconds. */
  public static long at(java.time.LocalDate date, LocalTime time, String zoneId) {
    return date.atTime(time).atZone(ZoneId.of(zoneId == null ? "America/New_York" : zoneId)).toInstant()
        .toEpochMilli();
  }
}
