package dev.tranche.api.web;

import dev.tranche.activities.support.Refusals;
import dev.tranche.activities.support.Refused;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.InvalidFormatException;

/** Every error a client can cause becomes an RFC 9457 problem; nothing a client sends yields a 500. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ProblemDetail apiProblem(ApiProblem problem) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    detail.setTitle(problem.title());
    return detail;
  }

  /** A shared service's refusal: its own words, as a 404, 409 or 410. */
  @ExceptionHandler(Refused.class)
  ProblemDetail refused(Refused refused) {
    HttpStatus status = switch (refused.why()) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT -> HttpStatus.CONFLICT;
      case GONE -> HttpStatus.GONE;
    };
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, refused.getMessage());
    detail.setTitle(switch (refused.why()) {
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case GONE -> "Gone";
    });
    return detail;
  }

  @ExceptionHandler(WorkflowUpdateException.class)
  ProblemDetail rejectedUpdate(WorkflowUpdateException e) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, Refusals.reason(e));
    detail.setTitle("Request rejected by the process");
    return detail;
  }

  @ExceptionHandler(WorkflowNotFoundException.class)
  ProblemDetail noWorkflow(WorkflowNotFoundException e) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
        "no running process for " + e.getExecution().getWorkflowId());
    detail.setTitle("Not found");
    return detail;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail illegalArgument(IllegalArgumentException e) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    detail.setTitle("Bad request");
    return detail;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the request body is invalid");
    detail.setTitle("Invalid request");
    List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
        .toList();
    detail.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(detail);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    InvalidFormatException badEnum = enumValue(ex);
    if (badEnum != null) {
      List<String> allowed = Arrays.stream(badEnum.getTargetType().getEnumConstants()).map(String::valueOf).toList();
      String field = badEnum.getPath().isEmpty() ? "value"
          : String.valueOf(badEnum.getPath().getLast().getPropertyName());
      ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
          field + ": \"" + badEnum.getValue() + "\" is not one of " + String.join(", ", allowed));
      detail.setTitle("Invalid request");
      detail.setProperty("field", field);
      detail.setProperty("allowedValues", allowed);
      return ResponseEntity.badRequest().body(detail);
    }
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        NulText.explains(ex) ? NulText.MESSAGE : "the request body could not be read as the expected JSON");
    detail.setTitle("Invalid request");
    return ResponseEntity.badRequest().body(detail);
  }

  /** An enum field given a value it does not have, anywhere in the cause chain; else null. */
  private static InvalidFormatException enumValue(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof InvalidFormatException invalid && invalid.getTargetType() != null
          && invalid.getTargetType().isEnum()) {
        return invalid;
      }
    }
    return null;
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "request parameters are invalid");
    detail.setTitle("Invalid request");
    return ResponseEntity.badRequest().body(detail);
  }

  /**
   * A dependency that is down (PostgreSQL, Redis, Temporal) is a 503 with {@code Retry-After}: the same
   * request, with the same Idempotency-Key, is safe to send again. Anything else is a bug: a 500 whose
   * incident id is in the log line with the stack trace, so a report can be matched to its cause.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (dependencyDown(e)) {
      log.warn("a dependency is unavailable: {}", e.toString());
      ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "a service Tranche depends on is unavailable; it is safe to retry with the same Idempotency-Key");
      detail.setTitle("Temporarily unavailable");
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(detail);
    }
    String incident = java.util.UUID.randomUUID().toString();
    log.error("unexpected failure, incident {}", incident, e);
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "the request failed unexpectedly; quote incident " + incident + " when reporting it");
    detail.setTitle("Internal error");
    detail.setProperty("incident", incident);
    return ResponseEntity.internalServerError().body(detail);
  }

  /** Whether the failure, or one of its causes, is a dependency that cannot be reached or answer now. */
  static boolean dependencyDown(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.springframework.dao.DataAccessResourceFailureException
          || t instanceof org.springframework.dao.TransientDataAccessException
          || t instanceof org.springframework.dao.RecoverableDataAccessException
          || t instanceof org.springframework.transaction.CannotCreateTransactionException
          || t instanceof org.redisson.client.RedisConnectionException
          || t instanceof org.redisson.client.RedisTimeoutException
          || t instanceof java.net.ConnectException
          || t instanceof java.sql.SQLTransientException
          || t instanceof java.sql.SQLRecoverableException) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      if (t instanceof io.grpc.StatusRuntimeException grpc
          && (grpc.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE
              || grpc.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED)) {
        return true;
      }
    }
    return false;
  }
}
