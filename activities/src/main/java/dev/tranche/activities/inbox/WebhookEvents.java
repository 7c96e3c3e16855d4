package dev.tranche.activities.inbox;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox of signed webhooks: each (provider, event id) is handled once. The event is recorded in the
 * same transaction as its handling, so a handler that fails leaves it unrecorded and the sender's retry
 * handles it again; a replay of a handled event does nothing.
 */
@Component
public class WebhookEvents {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public WebhookEvents(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** What {@code handle} answered, or empty when the event was handled before. */
  public <T> Optional<T> once(String provider, String eventId, String type, Supplier<T> handle) {
    return Optional.ofNullable(tx.execute(status -> {
      int fresh = jdbc.sql("""
              insert into webhook_events (provider, event_id, event_type) values (?, ?, ?)
              on conflict (provider, event_id) do nothing""")
          .params(provider, eventId, type).update();
      return fresh == 0 ? null : handle.get();
    }));
  }
}
