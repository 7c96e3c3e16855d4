package dev.tranche.activities.testsupport;

import dev.tranche.activities.application.NewApplication;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Test applications. */
public final class Fixtures {

  private Fixtures() {
  }

  public static NewApplication application(String ssn) {
    return new NewApplication(UUID.randomUUID().toString(), "borrower-" + UUID.randomUUID(), "Ada", "Prime",
        "ada@example.com", "+14155550100", LocalDate.of(1985, 4, 12), ssn, "1 Main St", "Austin", "TX", "78701",
        "US", new BigDecimal("8500.00"), new BigDecimal("12000.00"), "USD", "home improvement", true, true);
  }
}
