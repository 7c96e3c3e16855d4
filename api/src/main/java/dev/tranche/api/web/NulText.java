package dev.tranche.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * PostgreSQL refuses U+0000 in text, so a NUL that got past the edge would make the activity that
 * stores it fail on every retry and wedge its process. It is refused here, with a 400, before
 * anything is written: in every JSON string we bind ({@link #module()}), in the trees the signed
 * webhooks read ({@link #requireNone(JsonNode)}), and in parameters and the query ({@link Filter}).
 */
public final class NulText {

  static final String MESSAGE = "text must not contain the NUL character (U+0000)";

  private NulText() {
  }

  /** Registered with Spring's JSON mapper: a bound string holding a NUL fails to read (a 400). */
  public static SimpleModule module() {
    return new SimpleModule("nul-text").addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
          return (String) context.handleWeirdStringValue(String.class, value, MESSAGE);
        }
        return value;
      }
    });
  }

  /** Whether {@code failure} (a body that could not be read) was this refusal. */
  static boolean explains(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(MESSAGE)) {
        return true;
      }
    }
    return false;
  }

  /** For bodies read as trees (signed webhooks): a NUL anywhere is a 400. */
  public static void requireNone(JsonNode node) {
    if (node.isString() && node.asString().indexOf('\0') >= 0
        || node.propertyNames().stream().anyMatch(name -> name.indexOf('\0') >= 0)) {
      throw ApiProblem.badRequest(MESSAGE);
    }
    for (JsonNode child : node) {
      requireNone(child);
    }
  }

  /** Query strings and form parameters (e.g. Twilio's inbound webhook) with a NUL are refused. */
  @Component
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  static class Filter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String query = request.getQueryString();
      boolean nul = query != null && query.toLowerCase(java.util.Locale.ROOT).contains("%00")
          || request.getParameterMap().entrySet().stream().anyMatch(e -> e.getKey().indexOf('\0') >= 0
              || Arrays.stream(e.getValue()).anyMatch(v -> v != null && v.indexOf('\0') >= 0));
      if (nul) {
        response.setStatus(400);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad request\",\"status\":400,"
            + "\"detail\":\"" + MESSAGE + "\"}");
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
