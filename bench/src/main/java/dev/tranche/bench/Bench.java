package dev.tranche.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark: starts the embedded platform as its own process, measures the engine's floor on the same Temporal
 * server (a workflow of {@value FloorWorkflowImpl#STEPS} no-op activities, the worker on virtual threads as
 * Tranche's are), then Tranche's cells: submit → decision at each concurrency (sandbox latency 0, then the
 * realistic latency), reads of an application and a loan, the peak memory with 1,000 applications waiting for
 * acceptance, and where the CPU of a decision cell and of the application reads goes (JFR). Prints each cell as it
 * ends; writes {@code report.json} and PNG charts under {@code --out}. Every Tranche figure is also given as a
 * ratio to the floor.
 *
 * <pre>java -jar bench/target/tranche-bench.jar [--seconds 20] [--concurrency 8,20,64] [--latency-ms 150]</pre>
 *
 * <p>{@code simulate} runs the portfolio simulation instead ({@link Simulate}).
 */
public final class Bench {

  private static final Set<String> DECIDED = Set.of("OFFERED", "DECLINED", "IN_REVIEW");

  private final Map<String, String> options;
  private final Duration measured;
  private final Duration warmUp;
  private final List<Integer> concurrencies;
  private final Path out;

  private Bench(Map<String, String> options) {
    this.options = options;
    this.measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
    this.warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
    this.concurrencies = Arrays.stream(options.getOrDefault("concurrency", "8,20,64").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    this.out = Path.of(options.getOrDefault("out", "bench/target/report"));
  }

  public static void main(String[] args) throws Exception {
    boolean simulate = args.length > 0 && args[0].equals("simulate");
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = simulate ? 1 : 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (simulate) {
      Simulate.run(options);
    } else {
      new Bench(options).run();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    Path jar = Path.of(options.getOrDefault("jar", "api/target/tranche-api-embedded.jar"));
    say("starting the embedded platform (" + jar + "); its log: " + out.resolve("platform.log"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("startedAt", Instant.now().toString());
    report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version"), "os", System.getProperty("os.name")));
    report.put("measuredSeconds", measured.toSeconds());
    try (Platform platform = Platform.start(jar, out)) {
      Api api = new Api(platform.api());
      say("platform up (pid " + platform.pid() + ")");

      List<Stats> floor = new ArrayList<>();
      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
          .setTarget(platform.temporal()).build());
      WorkflowClient client = WorkflowClient.newInstance(service);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker("bench-floor", WorkerOptions.newBuilder().setUsingVirtualThreads(true).build());
      worker.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
      worker.registerActivitiesImplementations((FloorActivities) n -> { });
      factory.start();
      for (int c : concurrencies) {
        floor.add(cell(Load.run("floor", c, warmUp, measured, thread -> {
          client.newWorkflowStub(FloorWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue("bench-floor")
              .setWorkflowId("floor-" + UUID.randomUUID()).build()).run();
          return true;
        })));
      }
      factory.shutdown();

      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < concurrencies.stream().max(Integer::compare).orElse(8); i++) {
        tokens.add(api.token("bench-" + i + "-" + UUID.randomUUID(), "BORROWER"));
      }
      String[] lastApplication = new String[tokens.size()];
      AtomicInteger submitted = new AtomicInteger();
      Load.Task decide = thread -> {
        String id = decide(api, tokens.get(thread));
        lastApplication[thread] = id;
        submitted.incrementAndGet();
        return id != null;
      };
      api.post(platform.sandbox() + "/sandbox/knobs", null, Map.of("latencyMillis", 0, "errorRate", 0), Map.of());
      List<Stats> tranche = new ArrayList<>();
      for (int c : concurrencies) {
        boolean profile = c == 20 || concurrencies.size() == 1;
        if (profile) {
          platform.jcmd("JFR.start", "name=decision", "settings=profile",
              "filename=" + out.resolve("decision.jfr").toAbsolutePath());
        }
        tranche.add(cell(Load.run("decision, sandbox latency 0", c, warmUp, measured, decide)));
        if (profile) {
          platform.jcmd("JFR.stop", "name=decision");
          report.put("cpuDuringDecisions", CpuProfile.summarise(out.resolve("decision.jfr"), 8));
          say("CPU profile of the decision cell at c=" + c + " summarised");
        }
      }
      long latency = Long.parseLong(options.getOrDefault("latency-ms", "150"));
      api.post(platform.sandbox() + "/sandbox/knobs", null, Map.of("latencyMillis", latency), Map.of());
      List<Stats> realistic = new ArrayList<>();
      for (int c : concurrencies) {
        realistic.add(cell(Load.run("decision, sandbox latency " + latency + " ms", c, warmUp, measured, decide)));
      }
      api.post(platform.sandbox() + "/sandbox/knobs", null, Map.of("latencyMillis", 0), Map.of());

      String owner = tokens.getFirst();
      String applicationId = lastApplication[0];
      String loanId = fundedLoan(api, owner);
      List<Stats> reads = new ArrayList<>();
      Load.Task readApplication = thread -> api.get("/api/v1/applications/" + applicationId, owner).status() == 200;
      reads.add(cell(Load.run("GET /applications/{id}", 16, warmUp, measured, readApplication)));
      reads.add(cell(Load.run("GET /loans/{id}", 16, warmUp, measured,
          thread -> api.get("/api/v1/loans/" + loanId, owner).status() == 200)));
      // Profiled apart from the measured cell, so the recording does not slow the figures it explains.
      platform.jcmd("JFR.start", "name=reads", "settings=profile",
          "filename=" + out.resolve("reads.jfr").toAbsolutePath());
      Load.run("profiled reads", 16, Duration.ZERO, Duration.ofSeconds(10), readApplication);
      platform.jcmd("JFR.stop", "name=reads");
      report.put("cpuDuringApplicationReads", CpuProfile.summarise(out.resolve("reads.jfr"), 8));
      say("CPU profile of the application reads summarised");

      while (submitted.get() < 1000) {
        say("filling to 1,000 applications waiting for acceptance (" + submitted.get() + " so far)");
        int missing = 1000 - submitted.get();
        Load.run("fill", Math.min(20, tokens.size()), Duration.ZERO, Duration.ofSeconds(Math.max(5, missing / 10)),
            decide);
      }
      Thread.sleep(2000);
      Map<String, Object> memory = new LinkedHashMap<>(platform.memoryMiB());
      memory.put("applicationsWaiting", submitted.get());
      say(String.format("memory with %d applications waiting: peak RSS %.0f MiB, RSS now %.0f MiB", submitted.get(),
          memory.get("peakRssMiB"), memory.get("rssMiB")));

      report.put("floor", floor);
      report.put("decisions", tranche);
      report.put("decisionsRealisticLatency", Map.of("latencyMillis", latency, "cells", realistic));
      report.put("ratiosToFloor", ratios(floor, tranche, realistic));
      report.put("reads", reads);
      report.put("memory", memory);
      report.put("collateral", collateral());
      charts(floor, tranche, realistic);
      Files.writeString(out.resolve("report.json"),
          Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      say("report: " + out.resolve("report.json") + ", charts: " + out.resolve("decisions-per-second.png") + ", "
          + out.resolve("decision-p99.png"));
    }
  }

  /**
   * The collateral cell, measured by {@code bench/run} before the platform starts (the price-watch benchmark on its
   * own anvil with 1-second blocks: price update to liquidation mined at 10 and 10,000 watched positions), or why it
   * is missing.
   */
  private static Object collateral() throws java.io.IOException {
    Path cell = Path.of("activities/target/benchmarks/price-watch.json");
    if (!Files.exists(cell)) {
      return Map.of("notMeasured", "run bench/run (it runs the price-watch benchmark first)");
    }
    JsonNode measured = Api.JSON.readTree(Files.readString(cell));
    for (JsonNode c : measured.path("cells")) {
      say(String.format("collateral, %d watched positions: liquidations mined %s blocks after the price update "
          + "(1-second blocks); the sweep read them in %d calls in %d ms", c.path("watchedPositions").asInt(),
          c.path("liquidationBlocksAfterPriceUpdate"), c.path("sweep").path("calls").asInt(),
          c.path("sweep").path("millis").asLong()));
    }
    return measured;
  }

  /** Submits an application asking to wait for the decision; polls only if the answer came without it. */
  private static String decide(Api api, String token) throws Exception {
    Api.Answer answer = api.post("/api/v1/applications", token, APPLICATION,
        Map.of("Idempotency-Key", UUID.randomUUID().toString(), "Prefer", "wait=30"));
    if (answer.status() != 201 && answer.status() != 202) {
      return null;
    }
    JsonNode body = answer.json();
    String id = body.path("applicationId").asString();
    String status = body.path("status").asString();
    while (!DECIDED.contains(status)) {
      Thread.sleep(20);
      status = api.get("/api/v1/applications/" + id, token).json().path("status").asString();
    }
    return id;
  }

  private static String fundedLoan(Api api, String token) throws Exception {
    String id = decide(api, token);
    String offer = api.get("/api/v1/applications/" + id + "/offers", token).json().path("offers").path(0)
        .path("offerId").asString();
    api.post("/api/v1/applications/" + id + "/acceptance", token,
        Map.of("offerId", offer, "signatureName", "Ada Prime"), Map.of());
    for (int i = 0; i < 600; i++) {
      JsonNode application = api.get("/api/v1/applications/" + id, token).json();
      if (application.hasNonNull("loanId") && !application.path("loanId").asString().isEmpty()) {
        return application.path("loanId").asString();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("application " + id + " was not funded within a minute");
  }

  private static Map<String, Object> ratios(List<Stats> floor, List<Stats> tranche, List<Stats> realistic) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (int i = 0; i < floor.size(); i++) {
      Stats f = floor.get(i);
      Stats t = tranche.get(i);
      Stats r = realistic.get(i);
      ratios.put("c=" + f.concurrency(), Map.of(
          "throughput", round(t.perSecond() / f.perSecond()),
          "p99", round(t.p99Millis() / f.p99Millis()),
          "throughputRealisticLatency", round(r.perSecond() / f.perSecond()),
          "p99RealisticLatency", round(r.p99Millis() / f.p99Millis())));
    }
    return ratios;
  }

  private void charts(List<Stats> floor, List<Stats> tranche, List<Stats> realistic) throws Exception {
    List<String> groups = floor.stream().map(s -> s.concurrency() + " concurrent").toList();
    LinkedHashMap<String, double[]> perSecond = new LinkedHashMap<>();
    perSecond.put("floor", floor.stream().mapToDouble(Stats::perSecond).toArray());
    perSecond.put("Tranche, latency 0", tranche.stream().mapToDouble(Stats::perSecond).toArray());
    perSecond.put("Tranche, realistic latency", realistic.stream().mapToDouble(Stats::perSecond).toArray());
    Charts.bars(out.resolve("decisions-per-second.png"), "Submit → decision: completed per second", "per s",
        groups, perSecond);
    LinkedHashMap<String, double[]> p99 = new LinkedHashMap<>();
    p99.put("floor", floor.stream().mapToDouble(Stats::p99Millis).toArray());
    p99.put("Tranche, latency 0", tranche.stream().mapToDouble(Stats::p99Millis).toArray());
    p99.put("Tranche, realistic latency", realistic.stream().mapToDouble(Stats::p99Millis).toArray());
    Charts.bars(out.resolve("decision-p99.png"), "Submit → decision: p99 latency", "ms", groups, p99);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static Stats cell(Stats stats) {
    say(stats.line());
    return stats;
  }

  private static void say(String line) {
    System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
  }

  private static final String APPLICATION = """
      {"applicant": {"firstName":"Ada","lastName":"Prime","email":"ada@example.com","phone":"+14155550100",
        "dateOfBirth":"1985-04-12","ssn":"111-11-1111","monthlyIncome":8500.00,
        "address":{"line1":"1 Main St","city":"Austin","region":"TX","postalCode":"78701","country":"US"}},
       "requestedAmount": {"amount":12000.00,"currency":"USD"},
       "purpose": "home improvement",
       "consents": {"creditPull":true,"esignDisclosure":true}}""";
}
