package dev.tranche.api.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as RFC 9457 problems rather than empty bodies. */
final class ProblemAuthHandlers {

  private ProblemAuthHandlers() {
  }

  static AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Bearer");
      write(response, 401, "Unauthorized", "a valid bearer token is required");
    };
  }

  static AuthenticationEntryPoint apiKeyRequired() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
      write(response, 401, "Unauthorized", "a valid partner API key is required in X-Api-Key");
    };
  }

  static AccessDeniedHandler forbidden() {
    return (request, response, e) -> write(response, 403, "Forbidden", "your role does not allow this request");
  }

  static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}");
  }
}
