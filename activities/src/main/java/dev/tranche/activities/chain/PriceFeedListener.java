package dev.tranche.activities.chain;

import io.temporal.client.WorkflowClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks each configured vault's price feed for its latest round every {@code tranche.collateral.price-poll-millis}
 * (250 ms) and wakes the chain's price watcher on each new one, so a price move is acted on within a poll of it
 * being mined rather than at each loan's next check. Runs where the chain queue's worker runs
 * ({@code tranche.collateral.price-listener}); a node that does not answer is asked again at the next poll, and a
 * listener restarted wakes every watcher at its first poll.
 */
@Component
@ConditionalOnProperty(name = "tranche.collateral.price-listener", havingValue = "true")
class PriceFeedListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PriceFeedListener.class);

  private final ChainProperties properties;
  private final ChainActivitiesImpl chains;
  private final Supplier<WorkflowClient> temporal;
  private final Map<String, Long> seen = new HashMap<>();
  private final Map<String, String> failing = new HashMap<>();
  private ScheduledExecutorService poller;

  @org.springframework.beans.factory.annotation.Autowired
  PriceFeedListener(ChainProperties properties, ChainActivitiesImpl chains, ObjectProvider<WorkflowClient> temporal) {
    this(properties, chains, (Supplier<WorkflowClient>) temporal::getObject);
  }

  PriceFeedListener(ChainProperties properties, ChainActivitiesImpl chains, Supplier<WorkflowClient> temporal) {
    this.properties = properties;
    this.chains = chains;
    this.temporal = temporal;
  }

  /** Polls once the application is ready (its chains verified, its workers started). */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void listen() {
    if (poller != null || properties.chains() == null) {
      return;
    }
    poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("price-feed-listener").daemon()
        .factory());
    long every = properties.collateral().pricePoll();
    poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
    log.info("price feed listener polling {} chain(s) every {} ms", properties.chains().size(), every);
  }

  void poll() {
    properties.chains().forEach((name, config) -> {
      if (config.vaultAddress() == null || config.vaultAddress().isBlank()) {
        return;
      }
      try {
        long round = chains.feedRound(name);
        Long before = seen.get(name);
        if (before == null || round != before) {
          PriceWatches.wake(temporal.get(), name, Math.max(1, round));
          seen.put(name, round);
        }
        failing.remove(name);
      } catch (RuntimeException e) {
        // Said once per outage, not at every poll.
        if (failing.put(name, String.valueOf(e.getMessage())) == null) {
          log.warn("price feed of chain {} not read: {}", name, e.toString());
        }
      }
    });
  }

  @Override
  public void start() {
  }

  @Override
  public synchronized void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }
}
