package dev.tranche.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** A bug is a 500 with an incident id; only a dependency that is down is a 503 "safe to retry". */
class ProblemHandlerTest {

  private final ProblemHandler handler = new ProblemHandler();

  @Test
  void an_unexpected_failure_is_a_500_with_an_incident_id() {
    var answer = handler.unexpected(new IllegalStateException("a bug"));
    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    String incident = (String) answer.getBody().getProperties().get("incident");
    assertThat(incident).hasSize(36);
    assertThat(answer.getBody().getDetail()).contains(incident);
    assertThat(handler.unexpected(new DataIntegrityViolationException("a constraint")).getStatusCode().value())
        .isEqualTo(500);
  }

  @Test
  void a_dependency_that_is_down_is_a_503_with_retry_after() {
    var noConnection = handler.unexpected(new CannotGetJdbcConnectionException("pool exhausted"));
    assertThat(noConnection.getStatusCode().value()).isEqualTo(503);
    assertThat(noConnection.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    // PostgreSQL terminating the connection while it restarts (SQLState 57P01), however it is wrapped.
    var restarting = handler.unexpected(new UncategorizedSQLException("insert", "insert …",
        new SQLException("terminating connection due to administrator command", "57P01")));
    assertThat(restarting.getStatusCode().value()).isEqualTo(503);
    var temporalDown = handler.unexpected(new RuntimeException(
        new io.grpc.StatusRuntimeException(io.grpc.Status.UNAVAILABLE)));
    assertThat(temporalDown.getStatusCode().value()).isEqualTo(503);
  }
}
