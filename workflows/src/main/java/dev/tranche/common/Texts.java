package dev.tranche.common;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * Texts from workflow code. A text that still fails after its activity's capped retries is logged
 * and never fails the process that sent it.
 */
public final class Texts {

  private Texts() {
  }

  public static void send(NotificationActivities notifications, Sms sms) {
    try {
      notifications.sendSms(sms);
    } catch (ActivityFailure failure) {
      Workflow.getLogger(Texts.class).warn("{} not delivered for application {}", sms.template(),
          sms.applicationId());
    }
  }
}
