package dev.tranche.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures origination on a running platform (never part of the test suite; it asserts behaviour,
 * not timings). Start the platform with a high rate limit, then:
 *
 * <pre>
 * TRANCHE_RATE_LIMIT_PER_MINUTE=1000000 ./tranche
 * ./mvnw -pl api test -Dgroups=benchmark -DexcludedGroups= -Dtest=OriginationBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Figures go to {@code api/target/benchmarks/origination.txt}.
 */
@Tag("benchmark")
class OriginationBenchmark {

  private static final JsonMapper JSON = BenchClient.JSON;
  private static final Set<String> DECIDED = Set.of("OFFERED", "DECLINED", "IN_REVIEW");
  private final BenchClient client = new BenchClient();
  private final String base = client.base;
  private final int concurrency = Integer.getInteger("tranche.bench.concurrency", 20);
  private final int applications = Integer.getInteger("tranche.bench.applications", 400);
  private final int waiting = Integer.getInteger("tranche.bench.waiting", 1000);

  @Test
  void submit_to_decision() throws Exception {
    client.send("POST", "http://127.0.0.1:8090/sandbox/knobs", null, "{\"latencyMillis\":0,\"errorRate\":0}");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      tokens.add(client.token("bench-" + i + "-" + System.nanoTime(), "BORROWER"));
    }
    StringBuilder report = new StringBuilder();
    report.append(run("warm-up", tokens, Math.max(concurrency, 40)));
    report.append(run("measured", tokens, applications));
    int total = Math.max(concurrency, 40) + applications;
    if (waiting > total) {
      report.append(run("fill to " + waiting + " waiting", tokens, waiting - total));
    }
    String ops = JSON.readTree(client.send("POST", base + "/api/v1/dev/tokens", null,
        "{\"subject\":\"bench-ops\",\"roles\":[\"OPS\"]}")).path("token").asString();
    JsonNode heap = JSON.readTree(client.send("GET", base + "/actuator/metrics/jvm.memory.used?tag=area:heap", ops,
        null));
    JsonNode max = JSON.readTree(client.send("GET", base + "/actuator/metrics/jvm.memory.max?tag=area:heap", ops,
        null));
    report.append("heap used after ").append(Math.max(waiting, total)).append(" applications: ")
        .append(heap.path("measurements").get(0).path("value").asLong() / (1024 * 1024)).append(" MiB of max ")
        .append(max.path("measurements").get(0).path("value").asLong() / (1024 * 1024)).append(" MiB\n");
    Path out = Path.of("target/benchmarks/origination.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println(report);
  }

  private String run(String label, List<String> tokens, int count) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    ConcurrentHashMap<String, Integer> outcomes = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String token = tokens.get(i % tokens.size());
        futures.add(pool.submit(() -> {
          long t0 = System.nanoTime();
          String id = JSON.readTree(client.send("POST", base + "/api/v1/applications", token,
                  BenchClient.applicationBody(null)))
              .path("applicationId").asString();
          while (true) {
            String status = JSON.readTree(client.send("GET", base + "/api/v1/applications/" + id, token, null))
                .path("status").asString();
            if (DECIDED.contains(status)) {
              latencies.add((System.nanoTime() - t0) / 1_000_000);
              outcomes.merge(status, 1, Integer::sum);
              return null;
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
    return String.format("%s: %d applications, %d concurrent borrowers, %.1f s, %.1f decided/s, "
            + "submit->decision p50 %d ms, p95 %d ms, p99 %d ms, max %d ms, outcomes %s%n", label, count, concurrency,
        seconds, count / seconds, BenchClient.pct(sorted, 50), BenchClient.pct(sorted, 95), BenchClient.pct(sorted, 99), sorted.getLast(), outcomes);
  }
}
