package dev.tranche.activities.audit;

import dev.tranche.activities.support.Json;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who read or changed what. Details never carry PII values: name the fields, not their contents.
 */
@Component
public class AuditLog {

  private final JdbcClient jdbc;

  public AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
    jdbc.sql("insert into audit_log (actor, action, subject_type, subject_id, details) values (?, ?, ?, ?, ?::jsonb)")
        .params(actor, action, subjectType, subjectId, Json.write(details))
        .update();
  }
}
