package dev.tranche.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop: {@code concurrency} virtual threads each run the task again as soon as it returns, for a warm-up
 * (not counted) and then the measured time; an operation in flight at the end is waited for. Each thread knows its
 * index, so it can hold its own caller.
 */
final class Load {

  interface Task {
    /** One operation; true when it succeeded. */
    boolean run(int thread) throws Exception;
  }

  private Load() {
  }

  static Stats run(String cell, int concurrency, Duration warmUp, Duration measured, Task task)
      throws InterruptedException {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + measured.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      int index = i;
      threads.add(Thread.ofVirtual().name("bench-" + cell + "-" + i).start(() -> {
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= end) {
            return;
          }
          boolean ok;
          try {
            ok = task.run(index);
          } catch (Exception e) {
            ok = false;
          }
          long t1 = System.nanoTime();
          // Latency: every operation started in the window, however late it ends (leaving out the slow ones that
          // straddle the end would flatter the tail). Throughput: every operation that ended in the window.
          if (ok && t1 >= measureFrom && t1 <= end) {
            completed.incrementAndGet();
          }
          if (t0 >= measureFrom) {
            if (ok) {
              latencies.add(t1 - t0);
            } else {
              failures.incrementAndGet();
            }
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return Stats.of(cell, concurrency, latencies, completed.get(), failures.get(), measured.toNanos() / 1e9);
  }
}
