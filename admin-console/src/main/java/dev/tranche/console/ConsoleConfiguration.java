package dev.tranche.console;

import dev.tranche.common.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The console at {@code /console} and the borrower's pages ({@code /apply/{token}}, the texted link, and
 * {@code /me}): their own filter chain, ahead of the API's token chains, with a session login and CSRF
 * protection on every form. A borrower signs in here, or is signed in by completing their link. In the embedded run the login page offers the demo users
 * ({@link DemoUsers}); wherever an OpenID Connect provider is configured ({@code spring.security.oauth2.client.*},
 * registration {@code tranche}) users sign in there, with roles from a claim ({@link OidcRoles}). Outside the
 * embedded run that is the only way in.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ConsoleConfiguration {

  static final String[] STAFF = {Roles.UNDERWRITER, Roles.SENIOR_UNDERWRITER, Roles.OPS, Roles.SCHEDULER,
      Roles.ADMIN};

  /** A borrower lands on their pages, staff on the console. */
  private static void landing(HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
      throws IOException {
    boolean borrower = signedIn.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.BORROWER));
    // A shopper sent to sign in from a merchant's checkout goes back to it.
    SavedRequest saved = new HttpSessionRequestCache().getRequest(request, response);
    String checkout = saved == null ? null : URI.create(saved.getRedirectUrl()).getPath();
    response.sendRedirect(borrower && checkout != null && checkout.matches("^/checkout/[0-9a-f-]{36}$") ? checkout
        : borrower ? "/me" : "/console");
  }

  @Bean
  @Order(0)
  SecurityFilterChain console(HttpSecurity http, Environment environment,
      ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
    boolean embedded = environment.matchesProfiles("embedded");
    http.securityMatcher("/console/**", "/webjars/**", "/apply/**", "/me", "/me/**", "/checkout/**", "/oauth2/**",
            "/login/oauth2/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/console/login", "/console/assets/**", "/webjars/**", "/apply/*").permitAll()
            .requestMatchers("/me", "/me/**", "/checkout/**").hasRole(Roles.BORROWER)
            .requestMatchers("/console/reviews", "/console/reviews/**")
                .hasAnyRole(Roles.UNDERWRITER, Roles.SENIOR_UNDERWRITER, Roles.ADMIN)
            .requestMatchers("/console/workflows", "/console/workflows/**", "/console/portfolio", "/console/clock",
                "/console/loans/**")
                .hasAnyRole(Roles.OPS, Roles.ADMIN)
            .requestMatchers("/console/schedules", "/console/schedules/**")
                .hasAnyRole(Roles.SCHEDULER, Roles.OPS, Roles.ADMIN)
            .requestMatchers("/console/partners", "/console/partners/**").hasRole(Roles.ADMIN)
            .requestMatchers("/console", "/console/").hasAnyRole(STAFF)
            .anyRequest().denyAll())
        .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
            .successHandler(ConsoleConfiguration::landing)
            .failureUrl("/console/login?error"))
        .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut"))
        .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
          response.setStatus(HttpStatus.FORBIDDEN.value());
          response.setContentType("text/html;charset=UTF-8");
          response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
              + "<link rel=\"icon\" href=\"data:,\"><title>Not for your role</title></head>"
              + "<body><main><h1>Not for your role</h1><p>This page is for other roles than yours.</p>"
              + "<p><a href=\"/console/login\">Sign in as someone else</a></p></main></body></html>");
        }))
        .userDetailsService(embedded ? DemoUsers.manager() : new InMemoryUserDetailsManager());
    if (oidc.getIfAvailable() != null) {
      // An OpenID Connect provider is configured (spring.security.oauth2.client.*): staff and borrowers sign in
      // there; roles come from the claim named by tranche.console.roles-claim.
      String claim = environment.getProperty("tranche.console.roles-claim", "roles");
      http.oauth2Login(login -> login.loginPage("/console/login")
          .userInfoEndpoint(info -> info.oidcUserService(new OidcRoles(claim)))
          .successHandler(ConsoleConfiguration::landing)
          .failureUrl("/console/login?error"));
    }
    return http.build();
  }
}
