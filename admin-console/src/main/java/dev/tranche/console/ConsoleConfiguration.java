package dev.tranche.console;

import dev.tranche.common.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The console at {@code /console} and the borrower's pages ({@code /apply/{token}}, the texted link, and
 * {@code /me}): their own filter chain, ahead of the API's token chains, with a session login and CSRF
 * protection on every form. A borrower signs in here, or is signed in by completing their link. In the embedded run the login page offers the demo users
 * ({@link DemoUsers}); elsewhere no user can sign in yet (an OpenID Connect login is still to come).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ConsoleConfiguration {

  static final String[] STAFF = {Roles.UNDERWRITER, Roles.SENIOR_UNDERWRITER, Roles.OPS, Roles.SCHEDULER,
      Roles.ADMIN};

  @Bean
  @Order(0)
  SecurityFilterChain console(HttpSecurity http, Environment environment) throws Exception {
    boolean embedded = environment.matchesProfiles("embedded");
    http.securityMatcher("/console/**", "/webjars/**", "/apply/**", "/me", "/me/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/console/login", "/console/assets/**", "/webjars/**", "/apply/*").permitAll()
            .requestMatchers("/me", "/me/**").hasRole(Roles.BORROWER)
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
            .successHandler((request, response, signedIn) -> response.sendRedirect(
                signedIn.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.BORROWER))
                    ? "/me" : "/console"))
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
    return http.build();
  }
}
