package dev.tranche.bench;

import dev.tranche.portfolio.PortfolioSimulation;
import dev.tranche.portfolio.SimulationReport;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portfolio simulation from the command line: a vintage of loans serviced for a number of months through the
 * servicing workflows' own pure code, printed as a table, written as {@code simulation.json} and a chart of the
 * delinquent loans at each month end.
 *
 * <pre>java -jar bench/target/tranche-bench.jar simulate [--loans 10000] [--months 12] [--seed 42]
 *     [--start 2027-01-01] [--out bench/target/simulation]</pre>
 */
final class Simulate {

  private Simulate() {
  }

  static void run(Map<String, String> options) throws Exception {
    var settings = new PortfolioSimulation.Settings(Integer.parseInt(options.getOrDefault("loans", "10000")),
        Integer.parseInt(options.getOrDefault("months", "12")), Long.parseLong(options.getOrDefault("seed", "42")),
        LocalDate.parse(options.getOrDefault("start", "2027-01-01")));
    Path out = Path.of(options.getOrDefault("out", "bench/target/simulation"));
    Files.createDirectories(out);
    System.out.printf("simulating %,d loans for %d months (seed %d, funded %s)%n", settings.loans(),
        settings.months(), settings.seed(), settings.start());
    long began = System.nanoTime();
    SimulationReport r = PortfolioSimulation.run(settings, new java.util.Random(settings.seed()));
    long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
    print(r);
    System.out.printf("%,d postings, simulated in %,d ms%n", r.postings(), elapsedMillis);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("elapsedMillis", elapsedMillis);
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("simulation", r);
    Files.writeString(out.resolve("simulation.json"),
        Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    List<String> months = r.monthEnds().stream().map(m -> "M" + m.month()).toList();
    LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
    for (String state : List.of("1-29", "30-59", "60-89", "90+", "charged-off")) {
      series.put(state, r.monthEnds().stream().mapToDouble(m -> m.loans().get(state)).toArray());
    }
    Charts.bars(out.resolve("delinquency.png"), String.format("Loans past due at each month end (%,d loans)",
        r.loans()), "loans", months, series);
    System.out.println("report: " + out.resolve("simulation.json") + ", chart: " + out.resolve("delinquency.png"));
  }

  private static void print(SimulationReport r) {
    System.out.printf("%nmonth end   %9s %7s %7s %7s %7s %8s %7s%n", "current", "1-29", "30-59", "60-89", "90+",
        "chg-off", "paid");
    for (var m : r.monthEnds()) {
      var n = m.loans();
      System.out.printf("M%-2d %s %9d %7d %7d %7d %7d %8d %7d%n", m.month(), m.date(), n.get("current"),
          n.get("1-29"), n.get("30-59"), n.get("60-89"), n.get("90+"), n.get("charged-off"), n.get("paid"));
    }
    System.out.println("\nroll rates (share of a bucket at one month end in the next-worse one a month later)");
    r.rollRates().forEach((k, v) -> System.out.printf("  %-22s %6s%n", k, percent(v)));
    System.out.printf("%noriginated        %16s%n", r.originated());
    System.out.printf("interest income   %16s%n", r.interestIncome());
    System.out.printf("returned-pmt fees %16s%n", r.feeIncome());
    System.out.printf("late fees         %16s%n", r.lateFeeIncome());
    System.out.printf("charge-offs       %16s%n", r.chargeOffs());
    System.out.printf("recoveries        %16s%n", r.recoveries());
    System.out.printf("net loss          %16s  (%s of originated)%n", r.netLoss(), percent(r.netLossRate()));
    System.out.printf("avg principal     %16s%n", r.averagePrincipal());
    System.out.printf("gross yield       %16s  net yield %s (annualised)%n", percent(r.grossYield()),
        percent(r.netYield()));
    System.out.println("\ntier  loans  charged off  rate    assumed  paid off");
    r.tiers().forEach((tier, t) -> System.out.printf("%-4s %6d %12d  %6s  %7s %9d%n", tier, t.loans(), t.chargedOff(),
        percent(t.chargeOffRate()), percent(t.assumedDefaultRate()), t.paidOff()));
    System.out.printf("%nbehaviours %s%n", r.behaviours());
  }

  private static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_EVEN) + " %";
  }
}
