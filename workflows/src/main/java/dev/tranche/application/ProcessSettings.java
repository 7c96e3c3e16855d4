package dev.tranche.application;

/**
 * Timings of one application's process, fixed when it starts so a running workflow never sees
 * them change. Zero or negative values fall back to the defaults.
 */
public record ProcessSettings(long offerWindowSeconds, long reviewWindowSeconds, long fundingWebhookWaitSeconds,
    long fundingPollIntervalSeconds, int fundingPollAttempts) {

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
}
