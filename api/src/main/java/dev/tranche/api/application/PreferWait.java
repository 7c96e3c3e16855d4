package dev.tranche.api.application;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}, possibly among others, e.g.
 * {@code respond-async, wait=5}): how many seconds the client will wait for the outcome, capped at 30. A
 * preference that is absent or not understood is ignored, as the RFC asks.
 */
final class PreferWait {

  static final int MAX_SECONDS = 30;
  private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,6})\"?(?:$|[,;\\s])",
      Pattern.CASE_INSENSITIVE);

  private PreferWait() {
  }

  /** The seconds asked for (1 to 30), or null when there is no usable {@code wait}. */
  static Integer seconds(String prefer) {
    if (prefer == null || prefer.length() > 200) {
      return null;
    }
    Matcher m = WAIT.matcher(prefer.trim());
    if (!m.find()) {
      return null;
    }
    int seconds = Integer.parseInt(m.group(1));
    return seconds < 1 ? null : Math.min(seconds, MAX_SECONDS);
  }
}
