package dev.tranche.api.collections;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the sweep table says about a business date. */
@Component
class SweepQueries {

  private final JdbcClient jdbc;

  SweepQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean swept(LocalDate date) {
    return jdbc.sql("select count(*) from collection_sweeps where business_date = ?").param(date).query(Long.class)
        .single() > 0;
  }

  /** The sweep's report as JSON, once it is recorded. */
  Optional<String> sweepReport(LocalDate date) {
    return jdbc.sql("select report::text from collection_sweeps where business_date = ? and report is not null")
        .param(date).query(String.class).optional();
  }
}
