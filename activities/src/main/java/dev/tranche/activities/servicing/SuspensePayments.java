package dev.tranche.activities.servicing;

import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.money.Money;
import dev.tranche.servicing.LoanAccounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Money received for no loan we can pay (an unknown reference, or a loan already closed): held in
 * suspense for ops to refund or apply, recorded and posted together.
 */
@Component
public class SuspensePayments {

  private final JdbcClient jdbc;
  private final Ledger ledger;

  public SuspensePayments(JdbcClient jdbc, Ledger ledger) {
    this.jdbc = jdbc;
    this.ledger = ledger;
  }

  /** The loan a payment reference belongs to, if any. */
  public Optional<String> loanOf(String paymentReference) {
    return jdbc.sql("select id::text from loans where payment_reference = ?").param(paymentReference)
        .query(String.class).optional();
  }

  @Transactional
  public void hold(String eventId, String paymentReference, Money money, Instant receivedAt) {
    jdbc.sql("""
            insert into suspense_payments (event_id, payment_reference, amount, currency, received_at)
            values (?, ?, ?, ?, ?)""")
        .params(eventId, paymentReference, money.amount(), money.currency().getCurrencyCode(),
            Timestamp.from(receivedAt)).update();
    ledger.post(new Transfer("suspense:" + eventId, "SUSPENSE", null, "unmatched payment " + paymentReference,
        List.of(Leg.debit(LoanAccounts.CASH, AccountType.ASSET, money),
            Leg.credit(LoanAccounts.SUSPENSE, AccountType.LIABILITY, money))));
  }
}
