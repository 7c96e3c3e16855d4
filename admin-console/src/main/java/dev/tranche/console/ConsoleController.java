package dev.tranche.console;

import dev.tranche.activities.ops.DevClock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the start page with what the signed-in role can open. */
@Controller
class ConsoleController {

  private final boolean embedded;
  private final ObjectProvider<DevClock> clock;
  private final ObjectProvider<ClientRegistrationRepository> oidc;

  ConsoleController(Environment environment, ObjectProvider<DevClock> clock,
      ObjectProvider<ClientRegistrationRepository> oidc) {
    this.embedded = environment.matchesProfiles("embedded");
    this.clock = clock;
    this.oidc = oidc;
  }

  @GetMapping("/console/login")
  String login(Model model) {
    model.addAttribute("demoUsers", embedded ? DemoUsers.ALL : List.of());
    model.addAttribute("demoPassword", embedded ? DemoUsers.PASSWORD : null);
    // The OpenID Connect registrations Spring Boot made from spring.security.oauth2.client.registration.*.
    List<String> providers = new ArrayList<>();
    if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
      registrations.forEach(r -> providers.add(((ClientRegistration) r).getRegistrationId()));
    }
    model.addAttribute("oidcProviders", providers);
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
