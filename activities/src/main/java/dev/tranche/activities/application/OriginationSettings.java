package dev.tranche.activities.application;

import dev.tranche.application.ProcessSettings;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Today's origination settings ({@code tranche.origination.*}; an unset timing takes the process
 * default), fixed into each application when its process starts: the API starting new applications
 * and the repair pass restarting lost ones use the same values.
 */
@Component
public class OriginationSettings {

  private final ProcessSettings settings;

  OriginationSettings(@Value("${tranche.origination.offer-window-seconds:0}") long offerWindow,
      @Value("${tranche.origination.review-window-seconds:0}") long reviewWindow,
      @Value("${tranche.origination.funding-webhook-wait-seconds:0}") long webhookWait,
      @Value("${tranche.origination.funding-poll-interval-seconds:0}") long pollInterval,
      @Value("${tranche.origination.funding-poll-attempts:0}") int pollAttempts,
      @Value("${tranche.origination.review-claim-sla-seconds:0}") long claimSla,
      @Value("${tranche.origination.review-decision-sla-seconds:0}") long decisionSla,
      @Value("${tranche.origination.four-eyes-threshold:25000.00}") BigDecimal fourEyes,
      @Value("${tranche.origination.quote-deadline-millis:0}") long quoteDeadline,
      @Value("${tranche.origination.lenders:northwind,bluebank,cedar,pool}") List<String> lenders,
      @Value("${tranche.origination.collateral-window-seconds:259200}") long collateralWindow,
      @Value("${tranche.origination.quote-retry-window-seconds:600}") long quoteRetryWindow,
      @Value("${tranche.origination.attention-window-seconds:604800}") long attentionWindow,
      @Value("${tranche.origination.funding-retry-seconds:86400}") long fundingRetry) {
    this.settings = new ProcessSettings(offerWindow, reviewWindow, webhookWait, pollInterval, pollAttempts, claimSla,
        decisionSla, fourEyes, quoteDeadline, lenders, collateralWindow, quoteRetryWindow, attentionWindow,
        fundingRetry);
  }

  public ProcessSettings settings() {
    return settings;
  }
}
