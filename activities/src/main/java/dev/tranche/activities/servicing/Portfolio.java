package dev.tranche.activities.servicing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The portfolio as ops read it, through the API and the console alike: the origination funnel,
 * delinquency by bucket and the trial balance.
 */
@Component
public class Portfolio {

  /** One delinquency bucket: loans in it, what they owe, what of it is past due. */
  public record Bucket(String bucket, long loans, BigDecimal balance, BigDecimal pastDue) {
  }

  /** One ledger account's totals. */
  public record AccountTotals(String account, String type, String currency, BigDecimal debits, BigDecimal credits,
      BigDecimal balance) {
  }

  /** Every account, and whether debits equal credits. */
  public record TrialBalance(BigDecimal debits, BigDecimal credits, boolean balanced, List<AccountTotals> accounts) {
  }

  /**
   * How far applications got: every one submitted (invited ones once the borrower completed them), then
   * decided, offered, accepted (signed) and funded.
   */
  public record Funnel(long submitted, long decided, long offered, long accepted, long funded) {
  }

  private static final List<String> BUCKETS = List.of("current", "1-29", "30-59", "60-89", "90+");
  private final JdbcClient jdbc;

  Portfolio(JdbcClient jdbc) {
    this.jdbc = jdbc;
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

  /** Every bucket, empty ones included; days past due count from the oldest unpaid due date. */
  public List<Bucket> delinquency() {
    Map<String, Bucket> byName = new LinkedHashMap<>();
    BUCKETS.forEach(name -> byName.put(name, new Bucket(name, 0, BigDecimal.ZERO, BigDecimal.ZERO)));
    jdbc.sql("""
            with active as (
              select coalesce(current_date - (snapshot->'position'->'arrears'->0->>'dueDate')::date, 0) as dpd,
                     coalesce(principal_outstanding, principal) + interest_due + fees_due + penalties_due - credit
                       as balance, past_due
                from loans where status = 'ACTIVE')
            select bucket, count(*) as loans, coalesce(sum(balance), 0) as balance,
                   coalesce(sum(past_due), 0) as past_due
              from (select case when dpd <= 0 then 'current' when dpd < 30 then '1-29' when dpd < 60 then '30-59'
                                when dpd < 90 then '60-89' else '90+' end as bucket, balance, past_due from active) b
             group by bucket""")
        .query((rs, n) -> new Bucket(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
        .list().forEach(b -> byName.put(b.bucket(), b));
    return List.copyOf(byName.values());
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
            select %s as account, a.type, a.currency,
                   coalesce(sum(e.amount) filter (where e.direction = 'D'), 0) as debits,
                   coalesce(sum(e.amount) filter (where e.direction = 'C'), 0) as credits
              from ledger_accounts a left join ledger_entries e on e.account_id = a.id
             group by 1, a.type, a.currency order by 1""".formatted(account))
        .query((rs, n) -> new AccountTotals(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
            rs.getBigDecimal(5), rs.getBigDecimal(4).subtract(rs.getBigDecimal(5))))
        .list();
    BigDecimal debits = accounts.stream().map(AccountTotals::debits).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal credits = accounts.stream().map(AccountTotals::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new TrialBalance(debits, credits, debits.compareTo(credits) == 0, accounts);
  }
}
