package dev.tranche.workers;

import dev.tranche.activities.repair.ProcessRepairs;
import dev.tranche.collections.SweepActivities;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * When the repair pass runs in a worker: once at start (a restarted Temporal dev server keeps
 * nothing; PostgreSQL does), every {@code tranche.repair.interval} (30 s) for applications whose
 * workflow start was lost, and in full with the daily collections sweep (which repairs servicing
 * itself). Every replica may run it: each restart is a start by business id.
 */
@Configuration(proxyBeanMethods = false)
@Profile("workers")
@EnableScheduling
class RepairSchedule {

  private static final Logger log = LoggerFactory.getLogger(RepairSchedule.class);
  private final ProcessRepairs repairs;
  private final SweepActivities sweep;
  /** An application untouched this long with no workflow lost its start; a younger one may be starting. */
  private final Duration quiet;

  RepairSchedule(ProcessRepairs repairs, SweepActivities sweep,
      @org.springframework.beans.factory.annotation.Value("${tranche.repair.quiet:PT20S}") Duration quiet) {
    this.repairs = repairs;
    this.sweep = sweep;
    this.quiet = quiet;
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    full("at start", true);
  }

  @Scheduled(cron = "${tranche.collections.sweep-cron:0 0 6 * * *}", zone = "UTC")
  void daily() {
    full("daily", false);
  }

  private void full(String when, boolean withServicing) {
    try {
      var report = repairs.repairAll(when.equals("daily") ? Duration.ofMinutes(1) : Duration.ZERO);
      int loans = withServicing ? sweep.repairServicing().size() : 0;
      log.info("repair pass {}: {} applications, {} loans, {} collection cases, {} collateral monitors restarted", when,
          report.applications().size(), loans, report.collectionCases().size(), report.monitors().size());
    } catch (RuntimeException e) {
      // Temporal not reachable yet: the periodic pass and the next run try again.
      log.warn("repair pass {} did not complete: {}", when, e.toString());
    }
  }

  @Scheduled(fixedDelayString = "${tranche.repair.interval:PT30S}", initialDelayString = "${tranche.repair.interval:PT30S}")
  void lostStarts() {
    try {
      var repaired = repairs.repairApplications(quiet);
      if (!repaired.isEmpty()) {
        log.info("repair pass: restarted {} applications whose workflow was lost", repaired.size());
      }
    } catch (RuntimeException e) {
      log.warn("repair pass did not complete: {}", e.toString());
    }
  }
}
