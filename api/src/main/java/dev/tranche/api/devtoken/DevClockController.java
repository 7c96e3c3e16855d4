package dev.tranche.api.devtoken;

import dev.tranche.activities.ops.DevClock;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The embedded run's movable clock (OPS, ADMIN). Exists only in the embedded profile. */
@RestController
@Profile("embedded")
@RequestMapping("/api/v1/dev/clock")
class DevClockController {

  record Advance(@NotNull @Min(1) @Max(400) Integer days) {
  }

  /** The time every workflow now sees. */
  record ClockTime(Instant now) {
  }

  private final DevClock clock;

  DevClockController(DevClock clock) {
    this.clock = clock;
  }

  @Operation(summary = "Embedded run only: the workflows' clock (OPS)")
  @GetMapping
  ClockTime now() {
    return new ClockTime(clock.now());
  }

  /** Moves the clock forward by whole days: every timer due on the way fires, in order. */
  @Operation(summary = "Embedded run only: moves the workflows' clock forward, audited (OPS)")
  @PostMapping("/advance")
  ClockTime advance(@Valid @RequestBody Advance request, Authentication auth) {
    return new ClockTime(clock.advance(Duration.ofDays(request.days()), auth.getName()));
  }
}
