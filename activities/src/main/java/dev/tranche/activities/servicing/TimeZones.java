package dev.tranche.activities.servicing;

import java.util.Map;

/** The borrower's time zone from their US state, for quiet hours (Eastern when unknown). */
final class TimeZones {

  private static final Map<String, String> BY_STATE = Map.ofEntries(
      Map.entry("CA", "America/Los_Angeles"), Map.entry("WA", "America/Los_Angeles"),
      Map.entry("OR", "America/Los_Angeles"), Map.entry("NV", "America/Los_Angeles"),
      Map.entry("AZ", "America/Phoenix"), Map.entry("CO", "America/Denver"), Map.entry("UT", "America/Denver"),
      Map.entry("NM", "America/Denver"), Map.entry("TX", "America/Chicago"), Map.entry("IL", "America/Chicago"),
      Map.entry("MN", "America/Chicago"), Map.entry("MO", "America/Chicago"), Map.entry("LA", "America/Chicago"),
      Map.entry("AK", "America/Anchorage"), Map.entry("HI", "Pacific/Honolulu"));

  private TimeZones() {
  }

  static String forRegion(String region) {
    return region == null ? "America/New_York" : BY_STATE.getOrDefault(region.toUpperCase(java.util.Locale.ROOT),
        "America/New_York");
  }
}
