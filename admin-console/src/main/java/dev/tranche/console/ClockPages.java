package dev.tranche.console;

import dev.tranche.activities.ops.DevClock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The embedded run's clock control for ops: the same {@link DevClock} as {@code POST /api/v1/dev/clock/advance}. */
@Controller
class ClockPages {

  private final ObjectProvider<DevClock> clock;

  ClockPages(ObjectProvider<DevClock> clock) {
    this.clock = clock;
  }

  @PostMapping("/console/clock")
  String advance(@RequestParam int days, Authentication auth, RedirectAttributes flash) {
    DevClock devClock = clock.getIfAvailable();
    if (devClock == null) {
      flash.addFlashAttribute("refusal", "The clock moves only in the embedded run.");
    } else if (days < 1 || days > 400) {
      flash.addFlashAttribute("refusal", "Advance by 1 to 400 days.");
    } else {
      flash.addFlashAttribute("notice", "The clock now reads " + devClock.advance(Duration.ofDays(days), auth.getName())
          + ".");
    }
    return "redirect:/console";
  }
}
