package dev.tranche.activities.verification;

import dev.tranche.activities.support.Json;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stores each provider's normalised answer; the latest answer per (application, kind) wins. */
@Component
class VerificationResults {

  private final JdbcClient jdbc;

  VerificationResults(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void save(String applicationId, String kind, String providerRef, Object result) {
    jdbc.sql("""
            insert into verification_results (application_id, kind, provider_ref, result) values (?, ?, ?, ?::jsonb)
            on conflict (application_id, kind) do update set provider_ref = excluded.provider_ref,
              result = excluded.result, created_at = now()""")
        .params(UUID.fromString(applicationId), kind, providerRef, Json.write(result))
        .update();
  }
}
