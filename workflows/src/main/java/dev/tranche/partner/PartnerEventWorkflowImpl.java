package dev.tranche.partner;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Retries the delivery with backoff for up to three days, as the application workflow's events are. */
public class PartnerEventWorkflowImpl implements PartnerEventWorkflow {

  private final PartnerActivities partner = Workflow.newActivityStub(PartnerActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofDays(3))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2))
              .setMaximumInterval(Duration.ofMinutes(10)).build()).build());

  @Override
  public void deliver(PartnerEvent event) {
    partner.deliverEvent(event);
  }
}
