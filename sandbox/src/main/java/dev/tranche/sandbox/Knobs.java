package dev.tranche.sandbox;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Runtime knobs of the sandbox, changed over {@code POST /sandbox/knobs}: added latency, a failure
 * rate (answered with 503) and whether the lender calls our webhook at all.
 */
final class Knobs {

  volatile long latencyMillis;
  volatile double errorRate;
  volatile long webhookDelayMillis = 200;
  volatile boolean webhookEnabled = true;
  /** How long a marketplace lender's quotes stay valid; 0 keeps the lender's own default. */
  volatile long quoteValidSeconds;

  long quoteValidSeconds(long lenderDefault) {
    return quoteValidSeconds > 0 ? quoteValidSeconds : lenderDefault;
  }

  /** Sleeps for the configured latency; true when this request should fail. */
  boolean delayAndMaybeFail() {
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate;
  }
}
