package dev.tranche.activities.servicing;

import dev.tranche.activities.support.Json;
import dev.tranche.servicing.ServicingState;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The servicing state each active loan's workflow last wrote (the read model the sweep and repairs start from). */
public final class ActiveLoans {

  private static final Logger log = LoggerFactory.getLogger(ActiveLoans.class);

  private ActiveLoans() {
  }

  /**
   * Every active loan's state. A snapshot that cannot be read is logged with its loan id and left out: one
   * bad row must not stop the sweep and the repairs for every other loan.
   */
  public static List<ServicingState> states(JdbcClient jdbc) {
    List<ServicingState> states = new ArrayList<>();
    jdbc.sql("select id::text, snapshot::text from loans where status = 'ACTIVE' and snapshot is not null")
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list().forEach(row -> {
          try {
            states.add(Json.read(row[1], ServicingState.class));
          } catch (RuntimeException unreadable) {
            log.error("loan {}: its servicing snapshot cannot be read and is skipped: {}", row[0],
                unreadable.getMessage());
          }
        });
    return states;
  }
}
