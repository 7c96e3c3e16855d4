package dev.tranche.console;

import dev.tranche.activities.ops.DevClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the start page with what the signed-in role can open. */
@Controller
class ConsoleController {

  private final boolean embedded;
  private final ObjectProvider<DevClock> clock;

  ConsoleController(Environment environment, ObjectProvider<DevClock> clock) {
    this.embedded = environment.matchesProfiles("embedded");
    this.clock = clock;
  }

  @GetMapping("/console/login")
  String login(Model model) {
    model.addAttribute("demoUsers", embedded ? DemoUsers.ALL : java.util.List.of());
    model.addAttribute("demoPassword", embedded ? DemoUsers.PASSWORD : null);
    return "console/login";
  }

  @GetMapping({"/console", "/console/"})
  String home(Authentication auth, Model model) {
    model.addAttribute("user", auth.getName());
    model.addAttribute("roles", auth.getAuthorities().stream().map(a -> a.getAuthority().replace("ROLE_", ""))
        .toList());
    DevClock devClock = clock.getIfAvailable();
    model.addAttribute("clock", devClock == null ? null : devClock.now());
    return "console/home";
  }
}
