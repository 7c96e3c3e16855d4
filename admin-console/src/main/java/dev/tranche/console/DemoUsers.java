package dev.tranche.console;

import dev.tranche.common.Roles;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The embedded run's demo users, one or two per role, all with the password {@code demo}. */
final class DemoUsers {

  /** A demo user as the login page lists them. */
  record Demo(String username, String role) {
  }

  static final List<Demo> ALL = List.of(new Demo("uw-1", Roles.UNDERWRITER), new Demo("uw-2", Roles.UNDERWRITER),
      new Demo("senior-1", Roles.SENIOR_UNDERWRITER), new Demo("ops-1", Roles.OPS),
      new Demo("scheduler-1", Roles.SCHEDULER), new Demo("admin-1", Roles.ADMIN), new Demo("ada", Roles.BORROWER));

  static final String PASSWORD = "demo";

  private DemoUsers() {
  }

  static InMemoryUserDetailsManager manager() {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    List<UserDetails> users = ALL.stream()
        .map(d -> User.withUsername(d.username()).password(encoder.encode(PASSWORD)).roles(d.role()).build())
        .map(UserDetails.class::cast).toList();
    return new InMemoryUserDetailsManager(users);
  }
}
