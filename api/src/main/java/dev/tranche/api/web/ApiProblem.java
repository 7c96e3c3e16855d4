package dev.tranche.api.web;

import org.springframework.http.HttpStatus;

/** A client-visible failure: becomes an RFC 9457 problem with this status, title and detail. */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String title;

  public ApiProblem(HttpStatus status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ApiProblem notFound(String what) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", what + " was not found");
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
