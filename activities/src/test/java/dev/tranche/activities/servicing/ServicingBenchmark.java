package dev.tranche.activities.servicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.common.WorkflowIds;
import dev.tranche.money.LocalDates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures servicing at volume (never part of the suite; no timing assertions): N active loans
 * pass their first due date — reminders, accrual, autopay through the rail, ledger postings — on
 * the SDK's test server with the real activities, embedded PostgreSQL and the sandbox. Run with
 * {@code ./mvnw -pl activities test -Dgroups=benchmark -DexcludedGroups= -Dtest=ServicingBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dtranche.bench.loans=1000]}; figures go to
 * {@code activities/target/benchmarks/servicing.txt}.
 */
@Tag("benchmark")
class ServicingBenchmark extends ServicingScenario {

  private final int loans = Integer.getInteger("tranche.bench.loans", 1000);

  @Test
  void many_loans_pass_one_due_date() throws Exception {
    long bookStart = System.nanoTime();
    List<Booked> booked = new ArrayList<>();
    for (int i = 0; i < loans; i++) {
      booked.add(book("5000.00", "11.99", 24));
    }
    double bookSeconds = (System.nanoTime() - bookStart) / 1e9;
    LocalDate due = booked.getFirst().schedule().getFirst().dueDate();
    long start = System.nanoTime();
    env.sleep(Duration.ofMillis(LocalDates.startOfDayMillis(due) + 3_600_000L - env.currentTimeMillis()));
    double dueSeconds = (System.nanoTime() - start) / 1e9;
    long paid = jdbc.sql("select count(*) from ledger_transfers where kind = 'PAYMENT' and idempotency_key like ?")
        .param("payment:autopay:%:1").query(Long.class).single();
    int largest = 0;
    for (int i = 0; i < Math.min(20, booked.size()); i++) {
      largest = Math.max(largest, client.fetchHistory(WorkflowIds.loan(booked.get(i).loanId())).getEvents().size());
    }
    assertThat(paid).isGreaterThanOrEqualTo(loans);
    String report = String.format("%d loans booked and started in %.1f s; first due date (2 reminders, accrual, "
        + "autopay, postings, snapshots each) passed in %.1f s wall = %.1f loans/s; largest run so far %d events%n",
        loans, bookSeconds, dueSeconds, loans / dueSeconds, largest);
    Path out = Path.of("target/benchmarks/servicing.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }
}
