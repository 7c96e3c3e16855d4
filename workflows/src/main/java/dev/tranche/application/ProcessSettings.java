package dev.tranche.application;

import java.math.BigDecimal;
import java.util.List;

/**
 * Timings and limits of one application's process, fixed when it starts so a running workflow
 * never sees them change. Zero, negative or missing values (as in applications started before a
 * setting existed) fall back to the defaults.
 */
public record ProcessSettings(long offerWindowSeconds, long reviewWindowSeconds, long fundingWebhookWaitSeconds,
    long fundingPollIntervalSeconds, int fundingPollAttempts, long reviewClaimSlaSeconds,
    long reviewDecisionSlaSeconds, BigDecimal fourEyesThreshold, long quoteDeadlineMillis, List<String> lenders,
    long collateralWindowSeconds, long quoteRetryWindowSeconds, long attentionWindowSeconds,
    long fundingRetrySeconds) {

  /** The marketplace's lenders when none are configured. */
  public static final List<String> DEFAULT_LENDERS = List.of("northwind", "bluebank", "cedar");

  public ProcessSettings {
    lenders = lenders == null || lenders.isEmpty() ? DEFAULT_LENDERS : List.copyOf(lenders);
  }

  public ProcessSettings(long offerWindowSeconds, long reviewWindowSeconds, long fundingWebhookWaitSeconds,
      long fundingPollIntervalSeconds, int fundingPollAttempts, long reviewClaimSlaSeconds,
      long reviewDecisionSlaSeconds, BigDecimal fourEyesThreshold, long quoteDeadlineMillis, List<String> lenders,
      long collateralWindowSeconds) {
    this(offerWindowSeconds, reviewWindowSeconds, fundingWebhookWaitSeconds, fundingPollIntervalSeconds,
        fundingPollAttempts, reviewClaimSlaSeconds, reviewDecisionSlaSeconds, fourEyesThreshold, quoteDeadlineMillis,
        lenders, collateralWindowSeconds, 0, 0, 0);
  }

  public ProcessSettings(long offerWindowSeconds, long reviewWindowSeconds, long fundingWebhookWaitSeconds,
      long fundingPollIntervalSeconds, int fundingPollAttempts, long reviewClaimSlaSeconds,
      long reviewDecisionSlaSeconds, BigDecimal fourEyesThreshold, long quoteDeadlineMillis, List<String> lenders) {
    this(offerWindowSeconds, reviewWindowSeconds, fundingWebhookWaitSeconds, fundingPollIntervalSeconds,
        fundingPollAttempts, reviewClaimSlaSeconds, reviewDecisionSlaSeconds, fourEyesThreshold, quoteDeadlineMillis,
        lenders, 0);
  }

  public ProcessSettings(long offerWindowSeconds, long reviewWindowSeconds, long fundingWebhookWaitSeconds,
      long fundingPollIntervalSeconds, int fundingPollAttempts) {
    this(offerWindowSeconds, reviewWindowSeconds, fundingWebhookWaitSeconds, fundingPollIntervalSeconds,
        fundingPollAttempts, 0, 0, null, 0, null);
  }

  public static ProcessSettings defaults() {
    return new ProcessSettings(0, 0, 0, 0, 0);
  }

  public long offerWindow() {
    return offerWindowSeconds > 0 ? offerWindowSeconds : 72 * 3600;
  }

  public long reviewWindow() {
    return reviewWindowSeconds > 0 ? reviewWindowSeconds : 7 * 24 * 3600;
  }

  public long fundingWebhookWait() {
    return fundingWebhookWaitSeconds > 0 ? fundingWebhookWaitSeconds : 15 * 60;
  }

  public long fundingPollInterval() {
    return fundingPollIntervalSeconds > 0 ? fundingPollIntervalSeconds : 5 * 60;
  }

  public int fundingPollLimit() {
    return fundingPollAttempts > 0 ? fundingPollAttempts : 24;
  }

  /** How long a collateralised application waits for the deposit after acceptance (default 72 h). */
  public long collateralWindow() {
    return collateralWindowSeconds > 0 ? collateralWindowSeconds : 72 * 3600;
  }

  /**
   * How long the marketplace is asked again, with backoff, while no lender has answered at all
   * (default 10 min): a provider outage must not turn into a decline.
   */
  public long quoteRetryWindow() {
    return quoteRetryWindowSeconds > 0 ? quoteRetryWindowSeconds : 10 * 60;
  }

  /** How long an application parked in NEEDS_ATTENTION waits for ops before it expires (default 7 days). */
  public long attentionWindow() {
    return attentionWindowSeconds > 0 ? attentionWindowSeconds : 7 * 24 * 3600;
  }

  /** How long the lender's loan API is retried, with backoff, before the disbursement is compensated (default 24 h). */
  public long fundingRetry() {
    return fundingRetrySeconds > 0 ? fundingRetrySeconds : 24 * 3600;
  }

  /** How long every lender has to quote before the application goes on without it (default 2 s). */
  public long quoteDeadline() {
    return quoteDeadlineMillis > 0 ? quoteDeadlineMillis : 2000;
  }
}
