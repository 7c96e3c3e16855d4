package dev.tranche.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One cell's figures: completed per second and the latency percentiles in milliseconds. */
record Stats(String cell, int concurrency, long completed, long failures, double seconds, double perSecond,
    double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

  /** {@code nanos}: the latency of every operation started in the window; {@code completed}: those that ended in it. */
  static Stats of(String cell, int concurrency, List<Long> nanos, long completed, long failures, double seconds) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return new Stats(cell, concurrency, completed, failures, seconds, completed / seconds,
        percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
        sorted.isEmpty() ? 0 : sorted.getLast() / 1e6);
  }

  /** Nearest rank. */
  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
  }

  String line() {
    return String.format("%-34s c=%-3d %8.1f/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  (%d done, %d failed)",
        cell, concurrency, perSecond, p50Millis, p95Millis, p99Millis, completed, failures);
  }
}
