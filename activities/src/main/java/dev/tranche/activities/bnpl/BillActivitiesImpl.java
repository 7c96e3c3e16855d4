package dev.tranche.activities.bnpl;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.activities.support.Json;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.bnpl.Authorization;
import dev.tranche.bnpl.BillActivities;
import dev.tranche.bnpl.BillCollateralWorkflow;
import dev.tranche.bnpl.BillPosting;
import dev.tranche.bnpl.BillView;
import dev.tranche.bnpl.MerchantEvent;
import dev.tranche.bnpl.Settlement;
import dev.tranche.bnpl.SettlementWorkflow;
import dev.tranche.chain.PledgeRequest;
import dev.tranche.chain.PoolCall;
import dev.tranche.common.FailureType;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bills on PostgreSQL and the ledger, merchant payouts on the payment rail, the agency over HTTP and
 * the merchants' webhooks (batches in {@link Settlements}, webhooks in {@link MerchantWebhooks}). Each posting
 * commits with the row that records it, under its business key.
 */
@Component("billActivities")
class BillActivitiesImpl implements BillActivities {

  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final TransactionTemplate tx;
  private final MerchantDirectory merchants;
  private final BnplProperties properties;
  private final AuditLog audit;
  private final Supplier<WorkflowClient> temporal;
  private final PoolDesk pools;
  private final ProviderHttp agency;
  private final Settlements settlements;
  private final MerchantWebhooks webhooks;

  @Autowired
  BillActivitiesImpl(JdbcClient jdbc, Ledger ledger, TransactionTemplate tx, MerchantDirectory merchants,
      BnplProperties properties, ServicingProperties servicing, AuditLog audit, ObjectProvider<WorkflowClient> temporal,
      PoolDesk pools) {
    this(jdbc, ledger, tx, merchants, properties, servicing, audit, (Supplier<WorkflowClient>) temporal::getObject,
        pools);
  }

  /** With the Temporal client given (a test environment's). */
  BillActivitiesImpl(JdbcClient jdbc, Ledger ledger, TransactionTemplate tx, MerchantDirectory merchants,
      BnplProperties properties, ServicingProperties servicing, AuditLog audit, Supplier<WorkflowClient> temporal,
      PoolDesk pools) {
    this.pools = pools;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.tx = tx;
    this.merchants = merchants;
    this.properties = properties;
    this.audit = audit;
    this.temporal = temporal;
    this.settlements = new Settlements(jdbc, ledger, tx, merchants, audit, servicing);
    this.webhooks = new MerchantWebhooks(jdbc, merchants);
    this.agency = new ProviderHttp("collection-agency", FailureType.PROVIDER_REJECTED, servicing.agencyUrl(), 2000,
        10_000);
  }

  @Override
  public Authorization authorise(String billId, String shopper) {
    return tx.execute(status -> {
      BigDecimal amount = jdbc.sql("select amount from bills where id = ? for update").param(UUID.fromString(billId))
          .query(BigDecimal.class).optional().orElseThrow(() -> notFound(billId));
      BigDecimal open = jdbc.sql("""
              select coalesce(sum(outstanding), 0) from bills
               where shopper = ? and id <> ? and status in ('CAPTURED', 'OVERDUE', 'WITH_AGENCY')""")
          .params(shopper, UUID.fromString(billId)).query(BigDecimal.class).single();
      boolean approved = open.add(amount).compareTo(properties.shopperLimit()) <= 0;
      String reason = approved ? "within the shopper limit"
          : "open bills of " + open.toPlainString() + " and this one exceed the limit of "
              + properties.shopperLimit().toPlainString();
      jdbc.sql("update bills set shopper = ?, status = ?, updated_at = now() where id = ?")
          .params(shopper, approved ? "AUTHORIZED" : "DECLINED", UUID.fromString(billId)).update();
      event(billId, approved ? "AUTHORIZED" : "DECLINED", Map.of("reason", reason));
      audit.record(shopper, approved ? "BILL_AUTHORIZED" : "BILL_DECLINED", "bill", billId, Map.of("reason", reason));
      return new Authorization(approved, reason);
    });
  }

  @Override
  public void capture(BillPosting c, LocalDate dueDate) {
    Money net = c.principal().minus(c.fee());
    List<Leg> legs = new ArrayList<>();
    legs.add(Leg.debit(BillAccounts.receivable(c.billId()), AccountType.ASSET, c.principal()));
    legs.add(Leg.credit(BillAccounts.merchantPayable(c.merchantId()), AccountType.LIABILITY, net));
    if (c.fee().positive()) {
      legs.add(Leg.credit(BillAccounts.MERCHANT_FEE_INCOME, AccountType.INCOME, c.fee()));
    }
    tx.executeWithoutResult(status -> {
      ledger.post(new Transfer(c.key(), "BILL_CAPTURE", c.billId(), "bill captured, order " + c.reference(), legs));
      jdbc.sql("""
              update bills set status = 'CAPTURED', captured_at = coalesce(captured_at, now()),
                  captured_on = coalesce(captured_on, ?), due_date = ?, merchant_fee = ?, outstanding = amount,
                  updated_at = now()
               where id = ?""")
          .params(c.date(), dueDate, c.fee().amount(), UUID.fromString(c.billId())).update();
      event(c.billId(), "CAPTURED", Map.of("dueDate", dueDate.toString(), "fee", c.fee().amount().toPlainString()));
    });
    String funding = fundingOf(c.billId());
    if (funding == null) {
      boolean pool = properties.poolFunding() && pools.canFund(properties.poolChain(), c.principal());
      jdbc.sql("update bills set funding = ? where id = ? and funding is null")
          .params(pool ? "POOL:" + properties.poolChain() : "BALANCE_SHEET", UUID.fromString(c.billId())).update();
      funding = fundingOf(c.billId());
    }
    poolChain(funding).ifPresent(chain -> pools.send(new PoolCall(chain, PoolCall.DRAW, "draw:" + c.billId(),
        c.billId(), c.principal(), null, null, null)));
  }

  private String fundingOf(String billId) {
    return jdbc.sql("select funding from bills where id = ?").param(UUID.fromString(billId)).query(String.class)
        .optional().orElse(null);
  }

  private static Optional<String> poolChain(String funding) {
    return funding != null && funding.startsWith("POOL:") ? Optional.of(funding.substring(5)) : Optional.empty();
  }

  /**
   * A pool-funded bill's money going back to the pool: the principal, the pool's share of the interest, and
   * (with the repayment that closes the principal) its share of the merchant's fee net of refunds.
   */
  private void repayPool(BillPosting p, Money principal, Money interest) {
    poolChain(fundingOf(p.billId())).ifPresent(chain -> {
      Money share = interest.times(properties.poolShare(), RoundingMode.HALF_EVEN);
      if (!principal.positive() && !share.positive()) {
        return;
      }
      BigDecimal netFee = jdbc.sql("""
              select b.merchant_fee - coalesce((select sum(fee_returned) from bill_refunds r where r.bill_id = b.id), 0)
                from bills b where b.id = ?""")
          .param(UUID.fromString(p.billId())).query(BigDecimal.class).single();
      Money feeShare = Money.of(netFee, principal.currency().getCurrencyCode())
          .times(properties.poolShare(), RoundingMode.HALF_EVEN);
      pools.send(new PoolCall(chain, PoolCall.REPAY, "repay:" + p.key(), p.billId(), principal, share,
          PoolDesk.receipt(p.key()), feeShare));
    });
  }

  @Override
  public void post(BillPosting p) {
    postInLedger(p);
    switch (p.kind()) {
      case "REFUND" -> repayPool(p, p.principal(), Money.zero(p.principal().currency()));
      case "PAYMENT" -> repayPool(p, p.principal(), p.interest());
      default -> {
      }
    }
  }

  private void postInLedger(BillPosting p) {
    tx.executeWithoutResult(status -> {
      switch (p.kind()) {
        case "REFUND" -> refund(p);
        case "PAYMENT" -> payment(p);
        case "LATE_INTEREST" -> ledger.post(new Transfer(p.key(), "BILL_LATE_INTEREST", p.billId(),
            "late interest for " + p.date(), List.of(
                Leg.debit(BillAccounts.lateInterest(p.billId()), AccountType.ASSET, p.interest()),
                Leg.credit(BillAccounts.LATE_INTEREST_INCOME, AccountType.INCOME, p.interest()))));
        default -> throw ApplicationFailure.newNonRetryableFailure("unknown posting " + p.kind(),
            FailureType.DATA_REJECTED.name());
      }
    });
  }

  private void refund(BillPosting p) {
    String[] reference = p.reference().split("\\|", 2);
    int inserted = jdbc.sql("""
            insert into bill_refunds (id, bill_id, amount, fee_returned, reason, business_date)
            values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
        .params(p.key(), UUID.fromString(p.billId()), p.principal().amount(), p.fee().amount(),
            reference.length > 1 ? reference[1] : null, p.date()).update();
    if (inserted == 0) {
      return;
    }
    List<Leg> legs = new ArrayList<>();
    legs.add(Leg.debit(BillAccounts.merchantPayable(p.merchantId()), AccountType.LIABILITY,
        p.principal().minus(p.fee())));
    if (p.fee().positive()) {
      legs.add(Leg.debit(BillAccounts.MERCHANT_FEE_INCOME, AccountType.INCOME, p.fee()));
    }
    legs.add(Leg.credit(BillAccounts.receivable(p.billId()), AccountType.ASSET, p.principal()));
    ledger.post(new Transfer(p.key(), "BILL_REFUND", p.billId(), "merchant refund " + reference[0], legs));
    jdbc.sql("update bills set refunded = refunded + ?, updated_at = now() where id = ?")
        .params(p.principal().amount(), UUID.fromString(p.billId())).update();
    event(p.billId(), "REFUND:" + reference[0], Map.of("amount", p.principal().amount().toPlainString()));
  }

  private void payment(BillPosting p) {
    Money total = p.principal().plus(p.interest()).plus(p.excess());
    List<Leg> legs = new ArrayList<>();
    // Seized collateral pays through the liquidation proceeds it was booked to; anything else came in as cash.
    boolean liquidation = p.reference() != null && p.reference().startsWith("liquidation:");
    legs.add(liquidation ? Leg.debit(LoanAccounts.LIQUIDATION_PROCEEDS, AccountType.LIABILITY, total)
        : Leg.debit(BillAccounts.CASH, AccountType.ASSET, total));
    if (p.principal().positive()) {
      legs.add(Leg.credit(BillAccounts.receivable(p.billId()), AccountType.ASSET, p.principal()));
    }
    if (p.interest().positive()) {
      legs.add(Leg.credit(BillAccounts.lateInterest(p.billId()), AccountType.ASSET, p.interest()));
    }
    if (p.excess().positive()) {
      legs.add(Leg.credit(BillAccounts.credit(p.billId()), AccountType.LIABILITY, p.excess()));
    }
    ledger.post(new Transfer(p.key(), "BILL_PAYMENT", p.billId(), "payment " + p.reference(), legs));
    event(p.billId(), "PAYMENT:" + p.reference(), Map.of("amount", total.amount().toPlainString()));
  }

  @Override
  public void record(BillView v) {
    jdbc.sql("""
            update bills set status = ?, paid = ?, late_interest = ?, outstanding = ?, updated_at = now()
             where id = ?""")
        .params(v.status().name(), v.principalPaid().plus(v.interestPaid()).amount(), v.lateInterest().amount(),
            v.outstanding().amount(), UUID.fromString(v.billId()))
        .update();
  }

  @Override
  public void stage(String billId, String stage, Map<String, String> detail) {
    event(billId, stage, detail);
  }

  @Override
  public void expire(String billId) {
    jdbc.sql("update bills set status = 'EXPIRED', updated_at = now() where id = ? and status = 'OPEN'")
        .param(UUID.fromString(billId)).update();
    event(billId, "EXPIRED", Map.of());
  }

  @Override
  public void startSettlement(String merchantId, LocalDate businessDate) {
    SettlementWorkflow batch = temporal.get().newWorkflowStub(SettlementWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.settlement(merchantId, businessDate)).setTaskQueue(TaskQueues.SERVICING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
    try {
      WorkflowClient.start(batch::settle, merchantId, businessDate);
    } catch (WorkflowExecutionAlreadyStarted alreadyRunningOrDone) {
      // The day's batch exists: it takes this bill too.
    }
  }

  @Override
  public void startCollateral(PledgeRequest request) {
    BillCollateralWorkflow collateral = temporal.get().newWorkflowStub(BillCollateralWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("bill-collateral-" + request.billId())
            .setTaskQueue(TaskQueues.CHAIN)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
    try {
      WorkflowClient.start(collateral::secure, request);
    } catch (WorkflowExecutionAlreadyStarted once) {
      // Started by an earlier attempt: the pledge is being secured.
    }
  }

  @Override
  public Settlement settle(String merchantId, LocalDate businessDate) {
    return settlements.settle(merchantId, businessDate);
  }

  @Override
  public String handOffToAgency(String billId, Money amount) {
    JsonNode ack = agency.post("/agency/v1/placements", Map.of("loanReference", "bill:" + billId, "installment", 1,
        "amount", amount.amount().toPlainString(), "currency", amount.currency().getCurrencyCode()),
        Map.of("Idempotency-Key", "placement:bill:" + billId), null);
    String id = ack.path("acknowledgementId").asString();
    audit.record("system:collections", "BILL_AGENCY_ACKNOWLEDGED", "bill", billId, Map.of("acknowledgementId", id));
    poolChain(fundingOf(billId)).ifPresent(chain -> {
      // The pool bears the loss of the principal still unpaid; what the agency recovers is Tranche's.
      BigDecimal unpaid = ledger.balance(BillAccounts.receivable(billId));
      if (unpaid.signum() > 0) {
        pools.send(new PoolCall(chain, PoolCall.WRITE_OFF, "write-off:" + billId, billId,
            Money.of(unpaid, amount.currency().getCurrencyCode()), null, null, null));
      }
    });
    return id;
  }

  @Override
  public void deliverEvent(MerchantEvent e) {
    webhooks.deliver(e);
  }

  private void event(String billId, String kind, Map<String, String> detail) {
    jdbc.sql("insert into bill_events (bill_id, kind, detail) values (?, ?, ?::jsonb) on conflict do nothing")
        .params(UUID.fromString(billId), kind, Json.MAPPER.writeValueAsString(detail)).update();
  }

  private static ApplicationFailure notFound(String what) {
    return ApplicationFailure.newNonRetryableFailure("unknown " + what, FailureType.NOT_FOUND.name());
  }
}
