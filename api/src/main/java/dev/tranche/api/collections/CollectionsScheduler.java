package dev.tranche.api.collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The platform's scheduler for the daily sweep (the dev server has no Schedules API). Every replica
 * may fire; the sweep's business-date id makes exactly one run per date.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "tranche.collections.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class CollectionsScheduler {

  private static final Logger log = LoggerFactory.getLogger(CollectionsScheduler.class);

  private final CollectionsController collections;

  CollectionsScheduler(CollectionsController collections) {
    this.collections = collections;
  }

  @Scheduled(cron = "${tranche.collections.sweep-cron}", zone = "UTC")
  void daily() {
    // Today's business date (the controller's default).
    var answer = collections.sweep(new CollectionsController.SweepRequest(null));
    log.info("daily collections sweep: {}", answer.getBody());
  }
}
