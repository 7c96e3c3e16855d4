package dev.tranche.console;

import dev.tranche.activities.collections.Sweeps;
import java.time.LocalDate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Schedules for schedulers and ops: the collections sweeps by business date with their reports; run one now. */
@Controller
class SchedulePages {

  private final Sweeps sweeps;

  SchedulePages(Sweeps sweeps) {
    this.sweeps = sweeps;
  }

  @GetMapping("/console/schedules")
  String schedules(Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("today", sweeps.today());
    model.addAttribute("sweeps", sweeps.recent(60));
    return "console/schedules";
  }

  /** The same start as {@code POST /api/v1/collections/sweeps}: once per business date. */
  @PostMapping("/console/schedules/sweeps")
  String run(@RequestParam LocalDate businessDate, RedirectAttributes flash) {
    if (!sweeps.allowed(businessDate)) {
      flash.addFlashAttribute("refusal", "A sweep's business date is within the past year and not in the future.");
    } else if (sweeps.start(businessDate) == Sweeps.Outcome.STARTED) {
      flash.addFlashAttribute("notice", "The sweep for " + businessDate + " started.");
    } else {
      flash.addFlashAttribute("notice", "The sweep for " + businessDate + " already ran; it runs once per date.");
    }
    return "redirect:/console/schedules";
  }

  /** Runs an unfinished sweep again, once no run of it is open; confirmed first, audited by {@link Sweeps}. */
  @PostMapping("/console/schedules/sweeps/{businessDate}/rerun")
  String rerun(@PathVariable LocalDate businessDate, @RequestParam(defaultValue = "false") boolean confirm,
      Authentication auth, RedirectAttributes flash) {
    if (!confirm) {
      flash.addFlashAttribute("refusal", "Nothing was started: tick the confirmation first.");
      return "redirect:/console/schedules";
    }
    switch (sweeps.rerun(businessDate, auth.getName())) {
      case STARTED -> flash.addFlashAttribute("notice", "The sweep for " + businessDate + " runs again.");
      case RUNNING -> flash.addFlashAttribute("refusal", "The sweep for " + businessDate + " is still running.");
      case FINISHED -> flash.addFlashAttribute("refusal", "The sweep for " + businessDate + " has finished.");
    }
    return "redirect:/console/schedules";
  }
}
