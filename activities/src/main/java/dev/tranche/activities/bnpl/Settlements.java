package dev.tranche.activities.bnpl;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.bnpl.Settlement;
import dev.tranche.common.FailureType;
import dev.tranche.money.Money;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A merchant's daily batch: built once under its id (the captured bills and refunds up to the date that no batch
 * took, one ledger transfer), then paid once on the payment rail (idempotent by the batch).
 */
final class Settlements {

  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final TransactionTemplate tx;
  private final MerchantDirectory merchants;
  private final AuditLog audit;
  private final ProviderHttp rail;

  Settlements(JdbcClient jdbc, Ledger ledger, TransactionTemplate tx, MerchantDirectory merchants, AuditLog audit,
      ServicingProperties servicing) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.tx = tx;
    this.merchants = merchants;
    this.audit = audit;
    this.rail = new ProviderHttp("payment-rail", FailureType.PROVIDER_REJECTED, servicing.railUrl(), 2000, 10_000);
  }

  Settlement settle(String merchantId, LocalDate businessDate) {
    String id = Settlement.id(merchantId, businessDate);
    Settlement settlement = tx.execute(status -> existing(id).orElseGet(() -> build(id, merchantId, businessDate)));
    if ("PAID".equals(settlement.status()) && settlement.payoutId() == null) {
      String account = merchants.settlementAccount(merchantId, "payout " + id).orElseThrow(() -> notFound(merchantId));
      JsonNode answer = rail.post("/rails/v1/credits", Map.of("account", account, "amount",
          settlement.net().amount().toPlainString(), "currency", settlement.net().currency().getCurrencyCode(),
          "reference", id), Map.of("Idempotency-Key", "settlement:" + id), null);
      String payoutId = answer.path("creditId").asString();
      jdbc.sql("update settlements set payout_id = ? where id = ?").params(payoutId, id).update();
      audit.record("system:settlement", "SETTLEMENT_PAID", "merchant", merchantId, Map.of("settlement", id,
          "net", settlement.net().amount().toPlainString(), "payout", payoutId));
      return existing(id).orElseThrow();
    }
    return settlement;
  }

  /** The batch: every captured bill and refund of the merchant up to the date that no batch has taken yet. */
  private Settlement build(String id, String merchantId, LocalDate businessDate) {
    jdbc.sql("select id from merchants where id = ? for update").param(merchantId).query(String.class).optional()
        .orElseThrow(() -> notFound(merchantId));
    record Line(BigDecimal amount, BigDecimal fee, String currency) {
    }
    List<Line> bills = jdbc.sql("""
            select amount, merchant_fee, currency from bills
             where merchant_id = ? and captured_on <= ? and settlement_id is null""")
        .params(merchantId, businessDate)
        .query((rs, n) -> new Line(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getString(3))).list();
    List<Line> refunds = jdbc.sql("""
            select r.amount, r.fee_returned, b.currency from bill_refunds r join bills b on b.id = r.bill_id
             where b.merchant_id = ? and r.business_date <= ? and r.settlement_id is null""")
        .params(merchantId, businessDate)
        .query((rs, n) -> new Line(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getString(3))).list();
    String currency = bills.isEmpty() ? refunds.isEmpty() ? "USD" : refunds.getFirst().currency()
        : bills.getFirst().currency();
    BigDecimal gross = bills.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal fees = bills.stream().map(Line::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal refunded = refunds.stream().map(l -> l.amount().subtract(l.fee())).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    BigDecimal net = gross.subtract(fees).subtract(refunded);
    String outcome = bills.isEmpty() && refunds.isEmpty() ? "NOTHING_TO_PAY" : net.signum() > 0 ? "PAID"
        : "CARRIED_FORWARD";
    jdbc.sql("""
            insert into settlements (id, merchant_id, business_date, bills, gross, fees, refunds, net, currency, status)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, merchantId, businessDate, bills.size(), gross, fees, refunded, net, currency, outcome).update();
    if (outcome.equals("PAID")) {
      jdbc.sql("""
              update bills set settlement_id = ?
               where merchant_id = ? and captured_on <= ? and settlement_id is null""")
          .params(id, merchantId, businessDate).update();
      jdbc.sql("""
              update bill_refunds r set settlement_id = ? from bills b
               where b.id = r.bill_id and b.merchant_id = ? and r.business_date <= ? and r.settlement_id is null""")
          .params(id, merchantId, businessDate).update();
      Money paid = Money.of(net, currency);
      ledger.post(new Transfer("settlement:" + id, "MERCHANT_SETTLEMENT", null, "settlement " + id, List.of(
          Leg.debit(BillAccounts.merchantPayable(merchantId), AccountType.LIABILITY, paid),
          Leg.credit(BillAccounts.CASH, AccountType.ASSET, paid))));
    }
    return existing(id).orElseThrow();
  }

  private Optional<Settlement> existing(String id) {
    return jdbc.sql(Bills.SETTLEMENTS + " where id = ?").param(id).query(Bills::settlement).optional();
  }

  private static ApplicationFailure notFound(String what) {
    return ApplicationFailure.newNonRetryableFailure("unknown " + what, FailureType.NOT_FOUND.name());
  }
}
