package dev.tranche.api.servicing;

import dev.tranche.activities.servicing.Portfolio;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The origination funnel, decisions, delinquency and roll rates, collections, losses and the trial balance. */
@RestController
class PortfolioController {

  /** The delinquency buckets as of a day. */
  record Delinquency(LocalDate asOf, List<Portfolio.Bucket> buckets) {
  }

  private final Portfolio portfolio;

  PortfolioController(Portfolio portfolio) {
    this.portfolio = portfolio;
  }

  /** Applications submitted, decided, offered, accepted and funded, all time. */
  @Operation(summary = "The funnel: submitted, decided, offered, accepted, funded (OPS, ADMIN)")
  @GetMapping("/api/v1/portfolio/funnel")
  Portfolio.Funnel funnel() {
    return portfolio.funnel();
  }

  /** Counts and balances per delinquency bucket, days past due counted from the oldest unpaid due date. */
  @Operation(summary = "Delinquency buckets with their balances (OPS, ADMIN)")
  @GetMapping("/api/v1/portfolio/delinquency")
  Delinquency delinquency() {
    LocalDate asOf = portfolio.today();
    return new Delinquency(asOf, portfolio.delinquency(asOf));
  }

  /** Applications decided and approved (first decisions), the approval rate, and time to first decision. */
  @Operation(summary = "Approval rate and time to first decision (OPS, ADMIN)")
  @GetMapping("/api/v1/portfolio/decisions")
  Portfolio.Decisions decisions() {
    return portfolio.decisions();
  }

  /** Month-over-month roll rates per bucket, from the delinquency the daily sweep records. */
  @Operation(summary = "Month-over-month roll rates between delinquency buckets (OPS, ADMIN)")
  @GetMapping("/api/v1/portfolio/roll-rates")
  List<Portfolio.RollRate> rollRates() {
    return portfolio.rollRates();
  }

  /** Open collection cases by stage. */
  @Operation(summary = "Open collection cases by stage (OPS, ADMIN)")
  @GetMapping("/api/v1/portfolio/collections")
  List<Portfolio.Stage> collections() {
    return portfolio.collectionsByStage();
  }

  /** Charge-offs, recoveries on charged-off loans, and collateral liquidations, with their amounts. */
  @Operation(summary = "Charge-offs, recoveries and liquidation proceeds (OPS, ADMIN)")
  @GetMapping("/api/v1/portfolio/losses")
  Portfolio.Losses losses() {
    return portfolio.losses();
  }

  /** Every account's debits, credits and balance; debits equal credits. */
  @Operation(summary = "The ledger's trial balance: debits equal credits (OPS, ADMIN)")
  @GetMapping("/api/v1/ledger/trial-balance")
  Portfolio.TrialBalance trialBalance() {
    return portfolio.trialBalance();
  }
}
