package dev.tranche.api.ops;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where an application stands, for ops resuming it. */
@Component
class OpsQueries {

  private final JdbcClient jdbc;

  OpsQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> applicationStatus(UUID applicationId) {
    return jdbc.sql("select status from applications where id = ?").param(applicationId).query(String.class)
        .optional();
  }
}
