package dev.tranche.api.servicing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The delinquency portfolio and the trial balance. */
@RestController
class PortfolioController {

  /** The delinquency buckets as of a day. */
  record Delinquency(LocalDate asOf, List<PortfolioQueries.Bucket> buckets) {
  }

  private final PortfolioQueries queries;

  PortfolioController(PortfolioQueries queries) {
    this.queries = queries;
  }

  /** Counts and balances per delinquency bucket, days past due counted from the oldest unpaid due date. */
  @GetMapping("/api/v1/portfolio/delinquency")
  Delinquency delinquency() {
    return new Delinquency(LocalDate.now(ZoneOffset.UTC), queries.delinquency());
  }

  /** Every account's debits, credits and balance; debits equal credits. */
  @GetMapping("/api/v1/ledger/trial-balance")
  PortfolioQueries.TrialBalance trialBalance() {
    return queries.trialBalance();
  }
}
