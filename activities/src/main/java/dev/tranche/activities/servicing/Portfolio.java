package dev.tranche.activities.servicing;

import dev.tranche.activities.support.BusinessClock;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The portfolio as ops read it, through the API and the console alike: the origination funnel,
 * delinquency by bucket and the trial balance. Amounts are in the book's currency
 * ({@code tranche.portfolio.currency}, USD): loans, losses and accounts in another currency are another book.
 */
@Component
public class Portfolio {

  /** One delinquency bucket: loans in it, what they owe, what of it is past due. */
  public record Bucket(String bucket, long loans, Money balance, Money pastDue) {
  }

  /** One ledger account's totals. */
  public record AccountTotals(String account, String type, Money debits, Money credits, Money balance) {
  }

  /** Every account, and whether debits equal credits. */
  public record TrialBalance(Money debits, Money credits, boolean balanced, List<AccountTotals> accounts) {
  }

  /**
   * How far applications got: every one submitted (invited ones once the borrower completed them), then
   * decided, offered, accepted (signed) and funded.
   */
  public record Funnel(long submitted, long decided, long offered, long accepted, long funded) {
  }

  private static final List<String> BUCKETS = List.of("current", "1-29", "30-59", "60-89", "90+");
  private final JdbcClient jdbc;
  private final Currency book;
  private final BusinessClock clock;

  @Autowired
  Portfolio(JdbcClient jdbc, @Value("${tranche.portfolio.currency:USD}") String book,
      BusinessClock clock) {
    this.jdbc = jdbc;
    this.book = Currency.getInstance(book);
    this.clock = clock;
  }

  Portfolio(JdbcClient jdbc, String book) {
    this(jdbc, book, BusinessClock.SYSTEM);
  }

  private Money money(BigDecimal amount) {
    return new Money(amount, book);
  }

  public Funnel funnel() {
    return jdbc.sql("""
            select count(*) filter (where a.status <> 'INVITED'),
                   count(*) filter (where exists (select 1 from decisions d where d.application_id = a.id)),
                   count(*) filter (where exists (select 1 from offers o where o.application_id = a.id)),
                   count(*) filter (where exists (select 1 from signatures s where s.application_id = a.id)),
                   count(*) filter (where exists (select 1 from loans l where l.application_id = a.id))
              from applications a""")
        .query((rs, n) -> new Funnel(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .single();
  }

  /** Every bucket as of today's business date ({@link #today}). */
  public List<Bucket> delinquency() {
    return delinquency(today());
  }

  /** The business date the portfolio is read as of: the workflows' date (moved with the embedded clock). */
  public LocalDate today() {
    return clock.today();
  }

  /** Every bucket, empty ones included; days past due count from the oldest unpaid due date. */
  public List<Bucket> delinquency(LocalDate asOf) {
    Map<String, Bucket> byName = new LinkedHashMap<>();
    BUCKETS.forEach(name -> byName.put(name, new Bucket(name, 0, Money.zero(book), Money.zero(book))));
    jdbc.sql("""
            with active as (%s)
            select bucket, count(*) as loans, coalesce(sum(balance), 0) as balance,
                   coalesce(sum(past_due), 0) as past_due
              from active where currency = :book group by bucket""".formatted(ACTIVE_BY_BUCKET))
        .param("asOf", asOf)
        .param("book", book.getCurrencyCode())
        .query((rs, n) -> new Bucket(rs.getString(1), rs.getLong(2), money(rs.getBigDecimal(3)),
            money(rs.getBigDecimal(4))))
        .list().forEach(b -> byName.put(b.bucket(), b));
    return List.copyOf(byName.values());
  }

  /**
   * Every active loan with its bucket as of {@code :asOf}: days past due count from the oldest unpaid due date
   * in the loan's servicing snapshot.
   */
  private static final String ACTIVE_BY_BUCKET = """
      select id as loan_id, currency,
             case when dpd <= 0 then 'current' when dpd < 30 then '1-29' when dpd < 60 then '30-59'
                  when dpd < 90 then '60-89' else '90+' end as bucket, balance, past_due
        from (select id, currency, coalesce(:asOf - (snapshot->'position'->'arrears'->0->>'dueDate')::date, 0) as dpd,
                     coalesce(principal_outstanding, principal) + interest_due + fees_due + penalties_due - credit
                       as balance, past_due
                from loans where status = 'ACTIVE') d""";

  /** Records each active loan's bucket and balance as of {@code businessDate}, once per date and loan. */
  public static int recordDelinquency(JdbcClient jdbc, java.time.LocalDate businessDate) {
    return jdbc.sql("""
            insert into delinquency_history (business_date, loan_id, bucket, balance)
            select :asOf, loan_id, bucket, balance from (%s) a
            on conflict do nothing""".formatted(ACTIVE_BY_BUCKET))
        .param("asOf", businessDate).update();
  }

  /** Of the loans in {@code fromBucket} at one month's last recorded date, how many were in a worse one at the next's. */
  public record RollRate(String fromMonth, String toMonth, String fromBucket, long loans, long rolledForward,
      BigDecimal rate) {
  }

  /**
   * Month-over-month roll rates from the delinquency history: for each pair of consecutive months with a
   * recorded date, each bucket's loans at the first month's last date, and the share of them in a worse
   * bucket at the second's (a loan no longer active is not rolled forward). Newest pair first, at most 12.
   */
  public List<RollRate> rollRates() {
    return jdbc.sql("""
            with month_ends as (
              select max(business_date) as d from delinquency_history group by date_trunc('month', business_date)),
            pairs as (select lag(d) over (order by d) as from_date, d as to_date from month_ends),
            moves as (
              select p.from_date, p.to_date, f.bucket as from_bucket, t.bucket as to_bucket
                from pairs p join delinquency_history f on f.business_date = p.from_date
                left join delinquency_history t on t.business_date = p.to_date and t.loan_id = f.loan_id
               where p.from_date is not null)
            select to_char(from_date, 'YYYY-MM'), to_char(to_date, 'YYYY-MM'), from_bucket, count(*),
                   count(*) filter (where array_position(array['current','1-29','30-59','60-89','90+'], to_bucket)
                                        > array_position(array['current','1-29','30-59','60-89','90+'], from_bucket))
              from moves group by from_date, to_date, from_bucket
             order by to_date desc, array_position(array['current','1-29','30-59','60-89','90+'], from_bucket)
             limit 60""")
        .query((rs, n) -> new RollRate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getLong(5), BigDecimal.valueOf(rs.getLong(5)).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(rs.getLong(4)), 1, java.math.RoundingMode.HALF_UP)))
        .list();
  }

  /** Decisions: how many applications were decided and approved, and how long each first decision took. */
  public record Decisions(long decided, long approved, BigDecimal approvalRatePercent, List<Band> timeToDecision) {
  }

  /** How many applications had their first decision within a band of time after submission. */
  public record Band(String band, long applications) {
  }

  private static final List<String> DECISION_BANDS = List.of("under 1 s", "1-10 s", "10-60 s", "1-60 min", "1-24 h",
      "over 24 h");

  public Decisions decisions() {
    Map<String, Long> bands = new LinkedHashMap<>();
    DECISION_BANDS.forEach(b -> bands.put(b, 0L));
    long[] totals = new long[2];
    jdbc.sql("""
            with firsts as (
              select distinct on (d.application_id) d.application_id, d.outcome,
                     extract(epoch from d.created_at - a.created_at) as seconds
                from decisions d join applications a on a.id = d.application_id
               order by d.application_id, d.id)
            select case when seconds < 1 then 'under 1 s' when seconds < 10 then '1-10 s'
                        when seconds < 60 then '10-60 s' when seconds < 3600 then '1-60 min'
                        when seconds < 86400 then '1-24 h' else 'over 24 h' end as band,
                   count(*), count(*) filter (where outcome = 'APPROVE')
              from firsts group by band""")
        .query((rs, n) -> {
          bands.put(rs.getString(1), rs.getLong(2));
          totals[0] += rs.getLong(2);
          totals[1] += rs.getLong(3);
          return null;
        }).list();
    BigDecimal rate = totals[0] == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(totals[1]).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(totals[0]), 1, java.math.RoundingMode.HALF_UP);
    return new Decisions(totals[0], totals[1], rate, bands.entrySet().stream()
        .map(e -> new Band(e.getKey(), e.getValue())).toList());
  }

  /** Open collection cases by their current stage. */
  public record Stage(String stage, long cases) {
  }

  public List<Stage> collectionsByStage() {
    return jdbc.sql("""
            select stage, count(*) from collection_cases
             where stage not in ('CURED', 'CHARGED_OFF', 'HANDED_TO_AGENCY', 'LIQUIDATION_REQUESTED')
             group by stage order by stage""")
        .query((rs, n) -> new Stage(rs.getString(1), rs.getLong(2))).list();
  }

  /** Losses and what came back: charge-offs, recoveries on charged-off loans, and collateral liquidations. */
  public record Losses(long chargeOffs, Money chargedOff, long recoveries, Money recovered, long liquidations,
      Money liquidationProceeds) {
  }

  public Losses losses() {
    return jdbc.sql("""
            select count(distinct t.id) filter (where t.kind = 'CHARGE_OFF'),
                   coalesce(sum(e.amount) filter (where t.kind = 'CHARGE_OFF'), 0),
                   count(distinct t.id) filter (where t.kind = 'RECOVERY'),
                   coalesce(sum(e.amount) filter (where t.kind = 'RECOVERY'), 0),
                   count(distinct t.id) filter (where t.kind = 'LIQUIDATION'),
                   coalesce(sum(e.amount) filter (where t.kind = 'LIQUIDATION'), 0)
              from ledger_transfers t join ledger_entries e on e.transfer_id = t.id and e.direction = 'D'
             where t.kind in ('CHARGE_OFF', 'RECOVERY', 'LIQUIDATION') and t.currency = ?""")
        .param(book.getCurrencyCode())
        .query((rs, n) -> new Losses(rs.getLong(1), money(rs.getBigDecimal(2)), rs.getLong(3),
            money(rs.getBigDecimal(4)), rs.getLong(5), money(rs.getBigDecimal(6))))
        .single();
  }

  public TrialBalance trialBalance() {
    return trialBalance("a.code");
  }

  /**
   * The trial balance with each family of per-loan accounts folded into one line ({@code loan:*:principal}
   * for every loan's principal account): the same totals in a few lines, for a page at any portfolio size.
   */
  public TrialBalance trialBalanceByFamily() {
    return trialBalance("regexp_replace(a.code, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '*')");
  }

  /** {@code account} is a fixed SQL expression over {@code ledger_accounts a}, never input. */
  private TrialBalance trialBalance(String account) {
    List<AccountTotals> accounts = jdbc.sql("""
            select %s as account, a.type,
                   coalesce(sum(e.amount) filter (where e.direction = 'D'), 0) as debits,
                   coalesce(sum(e.amount) filter (where e.direction = 'C'), 0) as credits
              from ledger_accounts a left join ledger_entries e on e.account_id = a.id
             where a.currency = ?
             group by 1, a.type order by 1""".formatted(account))
        .param(book.getCurrencyCode())
        .query((rs, n) -> new AccountTotals(rs.getString(1), rs.getString(2), money(rs.getBigDecimal(3)),
            money(rs.getBigDecimal(4)), money(rs.getBigDecimal(3).subtract(rs.getBigDecimal(4)))))
        .list();
    Money debits = accounts.stream().map(AccountTotals::debits).reduce(Money.zero(book), Money::plus);
    Money credits = accounts.stream().map(AccountTotals::credits).reduce(Money.zero(book), Money::plus);
    return new TrialBalance(debits, credits, debits.compareTo(credits) == 0, accounts);
  }
}
