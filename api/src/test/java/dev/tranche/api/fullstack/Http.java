package dev.tranche.api.fullstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON-over-HTTP client for the tests: real requests to the running API. */
final class Http {

  /** A response: status, headers and the body as JSON (or null). */
  record Response(int status, Map<String, List<String>> headers, String text) {

    JsonNode json() {
      return text == null || text.isBlank() ? null : JSON.readTree(text);
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }
  }

  static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Http(String base) {
    this.base = base;
  }

  Response get(String path, String token) {
    return send(builder(path, token).GET().build());
  }

  /** A GET with headers of its own (an API key) and no token. */
  Response getWith(String path, Map<String, String> headers) {
    HttpRequest.Builder request = builder(path, null).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  Response post(String path, String token, Object body, Map<String, String> headers) {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest.Builder request = builder(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text));
    headers.forEach(request::header);
    return send(request.build());
  }

  Response put(String path, String token, Object body) {
    return send(builder(path, token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  Response postForm(String path, String form, Map<String, String> headers) {
    HttpRequest.Builder request = builder(path, null).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    headers.forEach(request::header);
    return send(request.build());
  }

  Response post(String path, String token, Object body) {
    return post(path, token, body, Map.of());
  }

  private HttpRequest.Builder builder(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .timeout(Duration.ofSeconds(30)).header("User-Agent", "tranche-fullstack-test");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
