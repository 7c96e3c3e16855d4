package dev.tranche.bnpl;

import dev.tranche.money.LocalDates;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

/** Waits for the end of the business date, then settles the merchant's batch once. */
public class SettlementWorkflowImpl implements SettlementWorkflow {

  private final BillActivities bills = Workflow.newActivityStub(BillActivities.class, BillWorkflowImpl.OPTIONS);
  private final BillActivities webhooks = Workflow.newActivityStub(BillActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2))
              .setMaximumInterval(Duration.ofMinutes(10)).setMaximumAttempts(30).build()).build());

  @Override
  public Settlement settle(String merchantId, LocalDate businessDate) {
    long cutOff = LocalDates.startOfDayMillis(businessDate.plusDays(1));
    long wait = cutOff - Workflow.currentTimeMillis();
    if (wait > 0) {
      Workflow.sleep(Duration.ofMillis(wait));
    }
    Settlement settlement = bills.settle(merchantId, businessDate);
    if ("PAID".equals(settlement.status())) {
      webhooks.deliverEvent(new MerchantEvent(settlement.settlementId() + ":paid", merchantId,
          MerchantEvent.SETTLEMENT_PAID, null, Workflow.currentTimeMillis(), Map.of(
              "settlementId", settlement.settlementId(), "businessDate", businessDate.toString(),
              "bills", String.valueOf(settlement.bills()), "net", settlement.net().amount().toPlainString(),
              "currency", settlement.net().currency().getCurrencyCode(), "payoutId", settlement.payoutId())));
    }
    return settlement;
  }
}
