package dev.tranche.common;

import io.temporal.activity.ActivityInterface;

/** Messages to borrowers. */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Sends one SMS. Idempotent by {@link Sms#idempotencyKey()}: the provider's message id is stored
   * under that key, and a repeat returns it without sending again.
   *
   * @return the provider's message id
   */
  String sendSms(Sms sms);
}
