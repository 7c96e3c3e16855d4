package dev.tranche.api.servicing;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whose loan it is, for the loan endpoints' access check. */
@Component
class PortfolioQueries {

  private final JdbcClient jdbc;

  PortfolioQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> loanOwner(UUID loanId) {
    return jdbc.sql("select borrower_id from loans where id = ?").param(loanId).query(String.class).optional();
  }
}
