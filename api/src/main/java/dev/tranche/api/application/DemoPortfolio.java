package dev.tranche.api.application;

import dev.tranche.activities.application.Address;
import dev.tranche.activities.application.ApplicationReads;
import dev.tranche.activities.application.Consents;
import dev.tranche.activities.application.OfferAcceptance;
import dev.tranche.activities.servicing.RailSandbox;
import dev.tranche.common.LoanIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A demo portfolio for the embedded run, made through the real workflows: each loan is a prime borrower's
 * application submitted like any other (the same {@link ApplicationService}), its first offer accepted and
 * signed (the same {@link OfferAcceptance}) and funded by the lender sandbox. Its payment behaviour is set
 * on the payment rail sandbox before funding: CURRENT pays every autopay, LATE has its first debit refused
 * (installment 1 goes unpaid and a collection case opens), DEFAULTING has every debit refused (the case
 * climbs the ladder to charge-off). Delinquency shows once the clock is moved past the first due date.
 * Batches are kept in memory; the loans are in PostgreSQL like any other.
 */
@Component
@Profile("embedded")
public class DemoPortfolio {

  private static final Logger log = LoggerFactory.getLogger(DemoPortfolio.class);
  private static final int IN_FLIGHT = 4;
  private static final long WAIT_MILLIS = 120_000;

  /** Percentages of the loans that pay on time, pay the first installment late, and never pay. */
  public record Mix(int current, int late, int defaulting) {
  }

  /** How a batch stands: {@code failed} counts applications that did not end funded. */
  public record Progress(String batch, int loans, Mix mix, int submitted, int funded, int failed, boolean done,
      Instant startedAt, Instant finishedAt, List<String> loanIds) {
  }

  enum Behaviour {
    CURRENT(List.of()), LATE(List.of("REJECT")), DEFAULTING(Collections.nCopies(24, "REJECT"));

    final List<String> railScript;

    Behaviour(List<String> railScript) {
      this.railScript = railScript;
    }
  }

  private final class Batch {
    final String id;
    final int loans;
    final Mix mix;
    final Instant startedAt = Instant.now();
    final AtomicInteger submitted = new AtomicInteger();
    final AtomicInteger funded = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<String> loanIds = Collections.synchronizedList(new java.util.ArrayList<>());
    volatile Instant finishedAt;

    Batch(String id, int loans, Mix mix) {
      this.id = id;
      this.loans = loans;
      this.mix = mix;
    }

    Progress progress() {
      return new Progress(id, loans, mix, submitted.get(), funded.get(), failed.get(), finishedAt != null,
          startedAt, finishedAt, List.copyOf(loanIds));
    }
  }

  private final ApplicationService applications;
  private final ApplicationReads reads;
  private final OfferAcceptance acceptance;
  private final RailSandbox rail;
  private final Map<String, Batch> batches = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  DemoPortfolio(ApplicationService applications, ApplicationReads reads, OfferAcceptance acceptance,
      RailSandbox rail) {
    this.applications = applications;
    this.reads = reads;
    this.acceptance = acceptance;
    this.rail = rail;
  }

  /** Starts the batch, once per id: a repeat answers the batch as it stands. */
  public Progress start(String batchId, int loans, Mix mix) {
    Batch batch = batches.computeIfAbsent(batchId, id -> {
      Batch created = new Batch(id, loans, mix);
      executor.execute(() -> run(created));
      return created;
    });
    return batch.progress();
  }

  public java.util.Optional<Progress> progress(String batchId) {
    return java.util.Optional.ofNullable(batches.get(batchId)).map(Batch::progress);
  }

  private void run(Batch batch) {
    List<Behaviour> plan = plan(batch.loans, batch.mix);
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < batch.loans; i++) {
      int n = i;
      inFlight.acquireUninterruptibly();
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          one(batch, n, plan.get(n));
        } catch (RuntimeException e) {
          batch.failed.incrementAndGet();
          log.warn("demo portfolio {}: loan {} not made: {}", batch.id, n, e.toString());
        } finally {
          inFlight.release();
        }
      }));
    }
    threads.forEach(t -> {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    batch.finishedAt = Instant.now();
    log.info("demo portfolio {}: {} funded, {} not, in {}", batch.id, batch.funded.get(), batch.failed.get(),
        java.time.Duration.between(batch.startedAt, batch.finishedAt));
  }

  /**
   * The batch's behaviours: each share of the mix (rounded down; the rest pay on time), spread evenly through
   * the batch, so any prefix of it has about the mix's proportions.
   */
  static List<Behaviour> plan(int loans, Mix mix) {
    int defaulting = loans * mix.defaulting() / 100;
    int late = loans * mix.late() / 100;
    record Slot(double at, Behaviour behaviour) {
    }
    List<Slot> slots = new java.util.ArrayList<>();
    Map<Behaviour, Integer> counts = Map.of(Behaviour.DEFAULTING, defaulting, Behaviour.LATE, late,
        Behaviour.CURRENT, loans - defaulting - late);
    counts.forEach((behaviour, count) -> {
      for (int j = 0; j < count; j++) {
        slots.add(new Slot((j + 0.5) / count, behaviour));
      }
    });
    slots.sort(java.util.Comparator.comparingDouble(Slot::at).thenComparing(slot -> slot.behaviour().ordinal()));
    return slots.stream().map(Slot::behaviour).toList();
  }

  private void one(Batch batch, int n, Behaviour behaviour) {
    String borrower = "demo-" + batch.id + "-" + n;
    BigDecimal amount = BigDecimal.valueOf(3000 + 500L * (n % 19)).setScale(2);
    ApplicationRequest request = new ApplicationRequest(
        new ApplicationRequest.Applicant("Demo", "Borrower " + n, "demo" + n + "@example.com", "+1415555" + String.format("%04d", n % 10000),
            LocalDate.of(1980 + n % 20, 1 + n % 12, 1 + n % 28), "111-11-1111",
            new Address(n + " Demo St", "Austin", "TX", "78701", "US"), new BigDecimal("8500.00")),
        new ApplicationRequest.Amount(amount, "USD"), "demo portfolio", new Consents(true, true));
    String applicationId = applications.submit(borrower, request, "demo-portfolio:" + batch.id + ":" + n,
        "demo-portfolio").applicationId();
    batch.submitted.incrementAndGet();
    String loanId = LoanIds.forApplication(applicationId);
    if (!behaviour.railScript.isEmpty()) {
      rail.script(loanId, behaviour.railScript);
    }
    UUID id = UUID.fromString(applicationId);
    String status = await(id, List.of("OFFERED", "DECLINED", "EXPIRED", "FAILED"));
    if (!"OFFERED".equals(status)) {
      throw new IllegalStateException("application " + applicationId + " ended " + status);
    }
    String offerId = reads.offers(id).getFirst().offerId();
    acceptance.accept(id, offerId, new OfferAcceptance.Signer(borrower, "Demo Borrower " + n, "127.0.0.1",
        "tranche demo portfolio"));
    status = await(id, List.of("FUNDED", "FAILED", "EXPIRED"));
    if (!"FUNDED".equals(status)) {
      throw new IllegalStateException("application " + applicationId + " ended " + status);
    }
    batch.loanIds.add(loanId);
    batch.funded.incrementAndGet();
  }

  private String await(UUID applicationId, List<String> statuses) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    String status = null;
    while (System.currentTimeMillis() < deadline) {
      status = reads.find(applicationId).map(ApplicationReads.ApplicationView::status).orElse(null);
      if (statuses.contains(status)) {
        return status;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("application " + applicationId + " still " + status);
  }
}
