package dev.tranche.activities.support;

import java.time.Instant;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The machine's clock, everywhere but the embedded run (whose clock is {@code DevClock}). */
@Component
@Profile("!embedded")
class SystemBusinessClock implements BusinessClock {

  @Override
  public Instant now() {
    return Instant.now();
  }
}
