package dev.tranche.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmarks share: an HTTP client for a running platform, dev tokens, percentiles. */
final class BenchClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final String base = System.getProperty("tranche.bench.url", "http://127.0.0.1:8080");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Sends and returns the body; any 4xx or 5xx throws. */
  String send(String method, String url, String token, String body) throws Exception {
    HttpResponse<String> response = exchange(method, url, token, body, Map.of());
    if (response.statusCode() >= 400) {
      throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  HttpResponse<String> exchange(String method, String url, String token, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String token(String subject, String role) throws Exception {
    return JSON.readTree(send("POST", base + "/api/v1/dev/tokens", null,
        "{\"subject\":\"" + subject + "\",\"roles\":[\"" + role + "\"]}")).path("token").asString();
  }

  /** An application for a random (so deterministic-persona) SSN, or the given one. */
  static String applicationBody(String ssn) {
    String number = ssn != null ? ssn
        : String.format("%09d", ThreadLocalRandom.current().nextInt(100_000_000, 899_999_999));
    return """
        {"applicant":{"firstName":"Bench","lastName":"Mark","email":"b@example.com","phone":"+14155550100",
        "dateOfBirth":"1980-01-01","ssn":"%s","monthlyIncome":6000.00,"address":{"line1":"1 Main St",
        "city":"Austin","region":"TX","postalCode":"78701","country":"US"}},
        "requestedAmount":{"amount":10000.00,"currency":"USD"},"purpose":"benchmark",
        "consents":{"creditPull":true,"esignDisclosure":true}}""".formatted(number);
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
