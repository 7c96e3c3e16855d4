package dev.tranche.application;

import dev.tranche.common.FailureType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retry policies per provider: each has its own latency and failure profile. */
final class ActivityOptionsCatalog {

  private ActivityOptionsCatalog() {
  }

  static ActivityOptions store() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
        .build();
  }

  /** Our own short PostgreSQL writes, run in the workflow's worker without a server round trip. */
  static LocalActivityOptions localStore() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(10)).build())
        .build();
  }

  static ActivityOptions kyc() {
    return provider(Duration.ofSeconds(10), 6, FailureType.IDENTITY_NOT_FOUND, FailureType.PROVIDER_REJECTED);
  }

  static ActivityOptions bureau() {
    return provider(Duration.ofSeconds(15), 6, FailureType.PROVIDER_REJECTED);
  }

  static ActivityOptions bankData() {
    return provider(Duration.ofSeconds(20), 8, FailureType.PROVIDER_REJECTED);
  }

  /** User-visible side effects get capped retries: a text that fails five times is not worth a sixth. */
  static ActivityOptions sms() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
        .build();
  }

  /** One attempt within the deadline: a slow or failing lender is skipped, not waited for. */
  static ActivityOptions quote(long deadlineMillis) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMillis(deadlineMillis))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  /** A CRM writeback is retried with backoff until it lands (a week covers any partner outage). */
  static ActivityOptions crmWriteback() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(15))
        .setScheduleToCloseTimeout(Duration.ofDays(7))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(10))
            .setDoNotRetry(FailureType.PROVIDER_REJECTED.name())
            .build())
        .build();
  }

  /** Partner webhooks: exponential backoff for up to 24 hours, then given up (and visible to ops). */
  static ActivityOptions partnerWebhook() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(15))
        .setScheduleToCloseTimeout(Duration.ofHours(24))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(2))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofHours(1))
            .setDoNotRetry(FailureType.PROVIDER_REJECTED.name())
            .build())
        .build();
  }

  private static ActivityOptions provider(Duration timeout, int attempts, FailureType... nonRetryable) {
    String[] types = new String[nonRetryable.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = nonRetryable[i].name();
    }
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setMaximumInterval(Duration.ofSeconds(10))
            .setMaximumAttempts(attempts)
            .setDoNotRetry(types)
            .build())
        .build();
  }
}
