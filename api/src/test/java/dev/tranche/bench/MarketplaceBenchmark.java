package dev.tranche.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Measures the marketplace with one lender hung and one failing, and the partner endpoint at its
 * rate limit, on a running platform (never part of the suite; no timing assertions):
 *
 * <pre>
 * TRANCHE_RATE_LIMIT_PER_MINUTE=1000000 ./tranche
 * ./mvnw -pl api test -Dgroups=benchmark -DexcludedGroups= -Dtest=MarketplaceBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Figures go to {@code api/target/benchmarks/marketplace.txt}.
 */
@Tag("benchmark")
class MarketplaceBenchmark {

  private final BenchClient client = new BenchClient();
  private final String sandbox = System.getProperty("tranche.bench.sandbox", "http://127.0.0.1:8090");
  private final int concurrency = Integer.getInteger("tranche.bench.concurrency", 10);
  private final int applications = Integer.getInteger("tranche.bench.applications", 200);
  private final String partnerKey = System.getProperty("tranche.bench.partnerKey", "tpk_dev_acme_crm_0123456789abcdef");

  @Test
  void decision_and_offers_with_a_hung_and_a_failing_lender_then_the_partner_rate_limit() throws Exception {
    StringBuilder report = new StringBuilder();
    client.send("POST", sandbox + "/sandbox/knobs", null, "{\"latencyMillis\":0,\"errorRate\":0}");
    client.send("POST", sandbox + "/sandbox/lenders/northwind/knobs", null, "{\"latencyMillis\":30000}");
    client.send("POST", sandbox + "/sandbox/lenders/bluebank/knobs", null, "{\"errorRate\":1.0}");
    try {
      report.append(offers("warm-up", 30));
      report.append(offers("measured", applications));
    } finally {
      client.send("POST", sandbox + "/sandbox/lenders/northwind/knobs", null, "{\"latencyMillis\":0}");
      client.send("POST", sandbox + "/sandbox/lenders/bluebank/knobs", null, "{\"errorRate\":0}");
    }
    report.append(partnerBurst(150));
    Path out = Path.of("target/benchmarks/marketplace.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println(report);
  }

  /** Prime applicants (persona 111): submit, then poll until OFFERED; client-observed latency. */
  private String offers(String label, int count) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    ConcurrentHashMap<String, Integer> lenders = new ConcurrentHashMap<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      tokens.add(client.token("mkt-bench-" + i + "-" + System.nanoTime(), "BORROWER"));
    }
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String token = tokens.get(i % tokens.size());
        futures.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          String id = BenchClient.JSON.readTree(client.send("POST", client.base + "/api/v1/applications", token,
              BenchClient.applicationBody("111-11-1111"))).path("applicationId").asString();
          while (true) {
            JsonNode app = BenchClient.JSON.readTree(client.send("GET", client.base + "/api/v1/applications/" + id,
                token, null));
            if (app.path("status").asString().equals("OFFERED")) {
              latencies.add((System.nanoTime() - t0) / 1_000_000);
              JsonNode offers = BenchClient.JSON.readTree(client.send("GET",
                  client.base + "/api/v1/applications/" + id + "/offers", token, null)).path("offers");
              offers.forEach(o -> lenders.merge(o.path("lender").asString(), 1, Integer::sum));
              return null;
            }
            if (!app.path("status").asString().matches("SUBMITTED|VERIFYING")) {
              throw new IllegalStateException("application " + id + " ended " + app.path("status").asString());
            }
            Thread.sleep(20);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    assertThat(sorted).hasSize(count);
    return String.format("%s (northwind hung 30 s, bluebank 100 %% errors): %d applications, %d concurrent, %.1f s, "
            + "submit->offers p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; offers by lender %s%n", label, count,
        concurrency, seconds, BenchClient.pct(sorted, 50), BenchClient.pct(sorted, 95), BenchClient.pct(sorted, 99),
        sorted.getLast(), lenders);
  }

  /** {@code count} financing requests from the demo partner as fast as 5 threads go: 201s then 429s. */
  private String partnerBurst(int count) throws Exception {
    ConcurrentHashMap<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> retryAfter = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(pool.submit(() -> {
          String job = "BENCH-" + UUID.randomUUID();
          String body = """
              {"crmCustomerId":"C-%s","customer":{"firstName":"Bench","lastName":"Mark","email":"b@example.com",
              "phone":"+14155550100"},"job":{"id":"%s","description":"bench","estimate":{"amount":5000.00,
              "currency":"USD"}}}""".formatted(job, job);
          HttpResponse<String> response = client.exchange("POST",
              client.base + "/api/v1/partners/acme-crm/financing-offers", null, body, Map.of("X-Api-Key", partnerKey));
          statuses.merge(response.statusCode(), 1, Integer::sum);
          response.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format("partner burst: %d requests in %.1f s -> statuses %s, Retry-After values seen %s%n", count,
        seconds, statuses, retryAfter.stream().distinct().toList());
  }
}
