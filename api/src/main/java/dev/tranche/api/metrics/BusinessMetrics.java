package dev.tranche.api.metrics;

import dev.tranche.activities.marketplace.LenderCircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The business as Prometheus sees it, read from the system of record (PostgreSQL), so the figures are the
 * ones the portfolio pages report, survive restarts and do not double with retried activities: applications
 * by status, decisions by outcome, offers accepted, ledger transfers by kind (disbursements, payments,
 * returns, fees, write-offs), collection cases by stage and liquidations, refreshed every 15 s
 * ({@code tranche.metrics.refresh-seconds}). Every API
 * replica reports the same values (aggregate with max, not sum). Each lender's circuit state (0 closed,
 * 1 open) is read from Redis at scrape time. What happens per event is counted where it happens:
 * {@code tranche.decision.time} by the workers, {@code tranche.webhook.rejections} by the webhooks.
 */
@Component
class BusinessMetrics implements MeterBinder, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(BusinessMetrics.class);

  private record Count(String label, long value) {
  }

  /**
   * One figure: a gauge per label, each registered once and reading its own number, so a refresh only sets values
   * (re-registering rows, as a MultiGauge overwrite does, raced a Prometheus scrape into "Duplicate labels"). A
   * label that has no rows any more reads 0.
   */
  private record Figure(MeterRegistry registry, String name, String description, String tag, String sql,
      Map<String, AtomicLong> values) {

    void set(List<Count> counts) {
      Map<String, Long> now = new HashMap<>();
      counts.forEach(c -> now.put(c.label(), c.value()));
      now.keySet().forEach(label -> values.computeIfAbsent(label, l -> {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(description).tag(tag, l).register(registry);
        return value;
      }));
      values.forEach((label, value) -> value.set(now.getOrDefault(label, 0L)));
    }
  }

  private final JdbcClient jdbc;
  private final LenderCircuitBreaker breaker;
  private final List<String> lenders;
  private final long refreshSeconds;
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
      Thread.ofVirtual().name("business-metrics").factory());

  BusinessMetrics(JdbcClient jdbc, LenderCircuitBreaker breaker,
      @Value("${tranche.origination.lenders}") List<String> lenders,
      @Value("${tranche.metrics.refresh-seconds:15}") long refreshSeconds) {
    this.refreshSeconds = refreshSeconds;
    this.jdbc = jdbc;
    this.breaker = breaker;
    this.lenders = lenders;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    List<Figure> figures = List.of(
        figure(registry, "tranche.applications", "Applications by current status", "status",
            "select status as label, count(*) as value from applications group by status"),
        figure(registry, "tranche.decisions", "Decisions recorded, by outcome", "outcome",
            "select outcome as label, count(*) as value from decisions group by outcome"),
        figure(registry, "tranche.offers.accepted", "Offers accepted (signed)", "product",
            "select 'installment' as label, count(*) as value from signatures"),
        figure(registry, "tranche.ledger.transfers", "Money movements posted to the ledger, by kind", "kind",
            "select kind as label, count(*) as value from ledger_transfers group by kind"),
        figure(registry, "tranche.collection.cases", "Collection cases by stage", "stage",
            "select stage as label, count(*) as value from collection_cases group by stage"),
        figure(registry, "tranche.liquidations", "Collateral liquidations booked, by chain", "chain",
            "select chain as label, count(*) as value from liquidations group by chain"));
    for (String lender : lenders) {
      Gauge.builder("tranche.lender.circuit.open", breaker, b -> b.isOpen(lender) ? 1 : 0)
          .description("1 while the lender's circuit breaker is open").tag("lender", lender).register(registry);
    }
    refresh(figures);
    refresher.scheduleWithFixedDelay(() -> refresh(figures), refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
  }

  private static Figure figure(MeterRegistry registry, String name, String description, String tag, String sql) {
    return new Figure(registry, name, description, tag, sql, new ConcurrentHashMap<>());
  }

  private void refresh(List<Figure> figures) {
    for (Figure f : figures) {
      try {
        f.set(jdbc.sql(f.sql()).query(Count.class).list());
      } catch (RuntimeException e) {
        // PostgreSQL down: the figures keep their last values; its health says why.
        log.debug("business metrics not refreshed: {}", e.getMessage());
      }
    }
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }
}
