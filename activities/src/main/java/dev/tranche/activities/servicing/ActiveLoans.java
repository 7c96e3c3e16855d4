package dev.tranche.activities.servicing;

import dev.tranche.activities.support.Json;
import dev.tranche.servicing.ServicingState;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The servicing state each active loan's workflow last wrote (the read model the sweep and repairs start from). */
public final class ActiveLoans {

  private ActiveLoans() {
  }

  public static List<ServicingState> states(JdbcClient jdbc) {
    return jdbc.sql("select snapshot::text from loans where status = 'ACTIVE' and snapshot is not null")
        .query(String.class).list().stream().map(s -> Json.read(s, ServicingState.class)).toList();
  }
}
