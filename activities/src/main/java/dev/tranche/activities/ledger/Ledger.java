package dev.tranche.activities.ledger;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one class that writes the ledger. Append-only; balanced on write (here and by a deferred
 * database constraint); idempotent by the transfer's key. Runs inside the caller's transaction so the
 * posting commits with the business fact it records.
 */
@Component
public class Ledger {

  private final JdbcClient jdbc;

  public Ledger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Posts the transfer, or returns the id of the one already posted under its key. */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID post(Transfer transfer) {
    UUID id = UUID.randomUUID();
    int inserted = jdbc.sql("""
            insert into ledger_transfers (id, idempotency_key, kind, loan_id, currency, description)
            values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
        .params(id, transfer.idempotencyKey(), transfer.kind(),
            transfer.loanId() == null ? null : UUID.fromString(transfer.loanId()),
            transfer.currency().getCurrencyCode(), transfer.description())
        .update();
    if (inserted == 0) {
      return existing(transfer.idempotencyKey()).orElseThrow();
    }
    for (Leg leg : transfer.legs()) {
      long account = account(leg);
      jdbc.sql("insert into ledger_entries (transfer_id, account_id, direction, amount) values (?, ?, ?, ?)")
          .params(id, account, leg.side().name(), leg.amount().amount())
          .update();
    }
    return id;
  }

  /** An account's debits less its credits over every transfer (its balance as an asset; negative for the others). */
  public BigDecimal balance(String accountCode) {
    return jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = ?""")
        .param(accountCode).query(BigDecimal.class).single();
  }

  private Optional<UUID> existing(String key) {
    return jdbc.sql("select id from ledger_transfers where idempotency_key = ?").param(key).query(UUID.class)
        .optional();
  }

  private long account(Leg leg) {
    jdbc.sql("insert into ledger_accounts (code, type, currency) values (?, ?, ?) on conflict (code) do nothing")
        .params(leg.accountCode(), leg.accountType().name(), leg.amount().currency().getCurrencyCode())
        .update();
    return jdbc.sql("select id from ledger_accounts where code = ?").param(leg.accountCode()).query(Long.class)
        .single();
  }
}
