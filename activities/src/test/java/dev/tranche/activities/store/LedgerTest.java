package dev.tranche.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.money.Money;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerTest extends ActivitiesIntegrationTest {

  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @Test
  void a_transfer_posts_once_per_idempotency_key() {
    String key = "test:" + UUID.randomUUID();
    Transfer transfer = new Transfer(key, "TEST", null, "test", List.of(
        Leg.debit("test:cash", AccountType.ASSET, Money.of("100.00", "USD")),
        Leg.credit("test:equity", AccountType.EQUITY, Money.of("100.00", "USD"))));
    UUID first = tx.execute(s -> ledger.post(transfer));
    UUID second = tx.execute(s -> ledger.post(transfer));
    assertThat(second).isEqualTo(first);
    assertThat(jdbc.sql("select count(*) from ledger_entries where transfer_id = ?").param(first).query(Long.class)
        .single()).isEqualTo(2);
  }

  @Test
  void unbalanced_transfers_are_refused_in_code_and_by_the_database() {
    assertThatThrownBy(() -> new Transfer("x", "TEST", null, "x", List.of(
        Leg.debit("a", AccountType.ASSET, Money.of("10.00", "USD")),
        Leg.credit("b", AccountType.EQUITY, Money.of("9.99", "USD"))))).isInstanceOf(IllegalArgumentException.class);

    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
      jdbc.sql("insert into ledger_transfers (id, idempotency_key, kind, currency, description) values (?, ?, 'T', 'USD', 'x')")
          .params(id, "raw:" + id).update();
      jdbc.sql("insert into ledger_accounts (code, type, currency) values ('raw:a', 'ASSET', 'USD') on conflict do nothing")
          .update();
      jdbc.sql("insert into ledger_entries (transfer_id, account_id, direction, amount)"
          + " select ?, id, 'D', 10.00 from ledger_accounts where code = 'raw:a'").param(id).update();
    })).hasStackTraceContaining("unbalanced");
    assertThat(jdbc.sql("select count(*) from ledger_transfers where id = ?").param(id).query(Long.class).single())
        .isZero();
  }

  @Test
  void the_ledger_is_append_only() {
    String key = "test:" + UUID.randomUUID();
    UUID id = tx.execute(s -> ledger.post(new Transfer(key, "TEST", null, "test", List.of(
        Leg.debit("test:cash", AccountType.ASSET, Money.of("5.00", "USD")),
        Leg.credit("test:equity", AccountType.EQUITY, Money.of("5.00", "USD"))))));
    assertThatThrownBy(() -> jdbc.sql("update ledger_entries set amount = 1 where transfer_id = ?").param(id).update())
        .hasMessageContaining("append-only");
  }
}
