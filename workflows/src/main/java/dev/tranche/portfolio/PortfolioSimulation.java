package dev.tranche.portfolio;

import dev.tranche.decision.Tier;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.servicing.LoanPostings.Posting;
import dev.tranche.servicing.LoanSimulation;
import dev.tranche.servicing.LoanStatement;
import dev.tranche.servicing.LoanStatus;
import dev.tranche.servicing.LoanTerms;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.function.Consumer;

/**
 * A vintage of loans serviced for a number of months on a virtual clock through the same pure code the servicing
 * and collection workflows run ({@link LoanSimulation}), each loan's borrower behaving as its tier's delinquency
 * mix draws ({@link Behaviour}). Reports the month-end delinquency buckets, roll rates, losses and yield.
 */
public final class PortfolioSimulation {

  /** The month-end states, worst last: the delinquency buckets, then the two ends. */
  public static final List<String> STATES = List.of("current", "1-29", "30-59", "60-89", "90+", "charged-off",
      "paid");

  private static final long NOON = 12 * 3_600_000L;

  private PortfolioSimulation() {
  }

  /** How many loans, how many months, the seed of the draw, and the month the vintage is funded in (its first four weeks). */
  public record Settings(int loans, int months, long seed, LocalDate start) {

    public Settings {
      if (loans < 1 || months < 1) {
        throw new IllegalArgumentException("a simulation needs at least one loan and one month");
      }
    }
  }

  /**
   * The end of a simulation of {@code months} from {@code start}: an hour after the last month end, when no
   * servicing step falls (due dates and autopay checks are at midnight UTC, late fees at the borrower's midnight,
   * payments at 17:00 UTC).
   */
  public static long horizon(LocalDate start, int months) {
    long[] ends = monthEnds(start, months);
    return ends[ends.length - 1] + 3_600_000L;
  }

  /** The month ends observed: noon UTC on the last day of each of the {@code months} months after the start's. */
  public static long[] monthEnds(LocalDate start, int months) {
    long[] at = new long[months];
    LocalDate first = start.withDayOfMonth(1);
    for (int m = 1; m <= months; m++) {
      at[m - 1] = LocalDates.startOfDayMillis(first.plusMonths(m + 1).minusDays(1)) + NOON;
    }
    return at;
  }

  /**
   * The servicing terms the simulation gives a loan: autopay, the borrower's zone, the 1.0 product's fees, ladder
   * and charge-off day (null: the workflows' defaults).
   */
  public static LoanTerms terms(LoanPlan plan, String zoneId) {
    var schedule = plan.schedule();
    return new LoanTerms(plan.loanId(), "app-" + plan.loanId(), zoneId, schedule.getFirst().total(), plan.apr(),
        true, "acct-" + plan.loanId(), "TR-" + plan.loanId(), false, 1, null, null, null, null);
  }

  /**
   * Runs one loan to {@code horizon} with {@code terms}: its postings go to {@code sink}, its month-end statements
   * to {@code observer}. Returns its status at the horizon.
   */
  public static LoanStatus simulate(LoanPlan plan, LoanTerms terms, long horizon, long[] observeAt,
      Consumer<Posting> sink, LoanSimulation.Observer observer) {
    LoanSimulation loan = new LoanSimulation(plan.loanId(), plan.schedule(), plan.principal(),
        new BookLedger(terms, plan.returnedDebits(), sink));
    return loan.run(LocalDates.startOfDayMillis(plan.start()), horizon, plan.payments(), observeAt, observer);
  }

  private static final String[] ZONES = {"America/New_York", "America/New_York", "America/New_York",
      "America/Chicago", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Los_Angeles",
      "America/Phoenix", "America/New_York"};

  /**
   * Draws and runs the whole vintage. The draws come from {@code random}, which the caller seeds with the settings'
   * seed (this module reads no randomness of its own), so a seed always gives the same vintage.
   */
  public static SimulationReport run(Settings settings, RandomGenerator random) {
    long horizon = horizon(settings.start(), settings.months());
    long[] monthEnds = monthEnds(settings.start(), settings.months());
    Book book = new Book();
    int[][] counts = new int[settings.months()][STATES.size()];
    BigDecimal[][] balances = new BigDecimal[settings.months()][STATES.size()];
    for (BigDecimal[] row : balances) {
      java.util.Arrays.fill(row, BigDecimal.ZERO);
    }
    int[][] rolls = new int[STATES.size()][STATES.size()];
    Map<Behaviour, Integer> behaviours = new EnumMap<>(Behaviour.class);
    Map<Tier, int[]> tiers = new EnumMap<>(Tier.class);
    BigDecimal originated = BigDecimal.ZERO;
    for (int i = 0; i < settings.loans(); i++) {
      // Funded over the first four weeks of the start's month, so due dates spread over the month.
      LoanPlan plan = LoanPlan.draw(random, new java.util.UUID(random.nextLong(), random.nextLong()).toString(),
          settings.start().withDayOfMonth(1).plusDays(random.nextInt(28)));
      originated = originated.add(plan.principal().amount());
      behaviours.merge(plan.behaviour(), 1, Integer::sum);
      int[] path = new int[settings.months()];
      LoanStatus end = simulate(plan, terms(plan, ZONES[i % ZONES.length]), horizon, monthEnds, book,
          (m, statement) -> {
            int state = stateOf(statement);
            path[m] = state;
            counts[m][state]++;
            if (state < 5) {
              balances[m][state] = balances[m][state].add(statement.principal().amount());
            }
          });
      for (int m = 1; m < path.length; m++) {
        rolls[path[m - 1]][path[m]]++;
      }
      int[] tier = tiers.computeIfAbsent(plan.tier(), t -> new int[3]);
      tier[0]++;
      tier[1] += end == LoanStatus.CHARGED_OFF ? 1 : 0;
      tier[2] += end == LoanStatus.PAID ? 1 : 0;
    }
    return report(settings, originated, counts, balances, rolls, behaviours, tiers, book);
  }

  static int stateOf(LoanStatement statement) {
    if (statement.status() == LoanStatus.PAID) {
      return 6;
    }
    if (statement.status() == LoanStatus.CHARGED_OFF) {
      return 5;
    }
    return STATES.indexOf(statement.bucket());
  }

  private static SimulationReport report(Settings settings, BigDecimal originated, int[][] counts,
      BigDecimal[][] balances, int[][] rolls, Map<Behaviour, Integer> behaviours, Map<Tier, int[]> tiers, Book book) {
    List<SimulationReport.MonthEnd> months = new ArrayList<>();
    BigDecimal principalSum = originated;
    for (int m = 0; m < counts.length; m++) {
      Map<String, Integer> c = new LinkedHashMap<>();
      Map<String, BigDecimal> b = new LinkedHashMap<>();
      for (int s = 0; s < STATES.size(); s++) {
        c.put(STATES.get(s), counts[m][s]);
        if (s < 5) {
          b.put(STATES.get(s), balances[m][s]);
          principalSum = principalSum.add(balances[m][s]);
        }
      }
      months.add(new SimulationReport.MonthEnd(m + 1, LocalDates.utcDate(monthEnds(settings.start(), counts.length)[m]),
          c, b));
    }
    Map<String, BigDecimal> rollRates = new LinkedHashMap<>();
    for (int s = 0; s < 5; s++) {
      int from = 0;
      for (int t = 0; t < STATES.size(); t++) {
        from += rolls[s][t];
      }
      rollRates.put(STATES.get(s) + " -> " + STATES.get(s + 1), ratio(rolls[s][s + 1], from));
    }
    // Average principal outstanding over the start and each month end.
    BigDecimal average = principalSum.divide(BigDecimal.valueOf(counts.length + 1L), 2, RoundingMode.HALF_EVEN);
    BigDecimal income = book.total(LoanAccounts.INTEREST_INCOME).add(book.total(LoanAccounts.FEE_INCOME))
        .add(book.total(LoanAccounts.LATE_FEE_INCOME));
    BigDecimal netLoss = book.total(LoanAccounts.CHARGE_OFFS).subtract(book.total(LoanAccounts.RECOVERIES));
    BigDecimal years = BigDecimal.valueOf(settings.months()).divide(BigDecimal.valueOf(12), MathContext.DECIMAL64);
    Map<String, SimulationReport.TierResult> byTier = new LinkedHashMap<>();
    tiers.forEach((tier, t) -> byTier.put(tier.name(), new SimulationReport.TierResult(t[0], t[1], t[2],
        ratio(t[1], t[0]), BigDecimal.valueOf(Behaviour.defaultProbability(tier)).setScale(4, RoundingMode.HALF_EVEN))));
    Map<String, Integer> mix = new LinkedHashMap<>();
    behaviours.forEach((b, n) -> mix.put(b.name(), n));
    return new SimulationReport(settings.loans(), settings.months(), settings.seed(), settings.start(),
        money(originated), months, rollRates, money(book.total(LoanAccounts.INTEREST_INCOME)),
        money(book.total(LoanAccounts.FEE_INCOME)), money(book.total(LoanAccounts.LATE_FEE_INCOME)),
        money(book.total(LoanAccounts.CHARGE_OFFS)), money(book.total(LoanAccounts.RECOVERIES)), money(netLoss),
        ratio(netLoss, originated), money(book.total(LoanAccounts.CASH)), money(average),
        annual(income, average, years), annual(income.subtract(netLoss), average, years), byTier, mix,
        book.postings);
  }

  private static BigDecimal annual(BigDecimal amount, BigDecimal average, BigDecimal years) {
    return average.signum() == 0 ? BigDecimal.ZERO
        : amount.divide(average.multiply(years), 6, RoundingMode.HALF_EVEN).setScale(4, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal ratio(int part, int whole) {
    return ratio(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
  }

  private static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? BigDecimal.ZERO : part.divide(whole, 4, RoundingMode.HALF_EVEN);
  }

  private static Money money(BigDecimal amount) {
    return Money.of(amount.setScale(2, RoundingMode.UNNECESSARY), "USD");
  }

  /** The book-wide accounts' nets (debits positive for assets and expenses, credits for income). */
  private static final class Book implements Consumer<Posting> {
    private final Map<String, BigDecimal> debits = new LinkedHashMap<>();
    private final Map<String, BigDecimal> credits = new LinkedHashMap<>();
    private long postings;

    @Override
    public void accept(Posting posting) {
      postings++;
      for (var line : posting.lines()) {
        if (line.account().startsWith("loan:")) {
          continue;
        }
        (line.debit() ? debits : credits).merge(line.account(), line.amount().amount(), BigDecimal::add);
      }
    }

    /** Income accounts: credits less debits; others: debits less credits. */
    BigDecimal total(String account) {
      BigDecimal d = debits.getOrDefault(account, BigDecimal.ZERO);
      BigDecimal c = credits.getOrDefault(account, BigDecimal.ZERO);
      return account.startsWith("income:") ? c.subtract(d) : d.subtract(c);
    }
  }
}
