package dev.tranche.activities.bnpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.activities.support.Json;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.WorkflowTestSupport;
import dev.tranche.bnpl.BillStatus;
import dev.tranche.bnpl.BillTerms;
import dev.tranche.bnpl.BillView;
import dev.tranche.bnpl.BillWorkflow;
import dev.tranche.bnpl.BillWorkflowImpl;
import dev.tranche.bnpl.Refund;
import dev.tranche.bnpl.SettlementWorkflowImpl;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.money.LocalDates;
import dev.tranche.money.Money;
import dev.tranche.servicing.PaymentReceived;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bills on the time-skipping test server with the real activities: PostgreSQL ledger and bill book, the
 * sandbox's KYB provider, payment rail, agency and merchant shop over HTTP. Weeks pass in seconds; every
 * scenario ends with the ledger checked to the cent.
 */
class BillScenariosTest extends ActivitiesIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired Ledger ledger;
  @Autowired TransactionTemplate tx;
  @Autowired MerchantDirectory merchants;
  @Autowired Bills bills;
  @Autowired ProductCatalogue products;
  @Autowired BnplProperties properties;
  @Autowired ServicingProperties servicing;
  @Autowired AuditLog audit;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String merchantId;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void environment() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    Worker worker = env.newWorker(TaskQueues.SERVICING);
    worker.registerWorkflowImplementationTypes(BillWorkflowImpl.class, SettlementWorkflowImpl.class);
    worker.registerActivitiesImplementations(new BillActivitiesImpl(jdbc, ledger, tx, merchants, properties,
        servicing, audit, () -> client, new PoolDesk(new ChainProperties(Map.of()), jdbc, () -> client)));
    env.start();
    merchantId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    merchants.create(new MerchantDirectory.NewMerchant(merchantId, "Corner Shop", "Corner Shop LLC", "12-3456789",
        "US", SANDBOX.baseUrl() + "/shop/v1/webhooks/" + merchantId, "dev-merchant-webhook-secret", "000123456789",
        null), "admin-test");
  }

  @AfterEach
  void close() {
    env.close();
  }

  private BillWorkflow checkout(String amount) {
    String billId = tx.execute(s -> bills.open(merchantId, new Bills.NewCheckout(Money.of(amount, "USD"),
        "ORD-" + UUID.randomUUID(), "https://shop.example/ok", "https://shop.example/cancel", "BNPL_BILL"))).billId();
    bills.start(billId, client);
    return client.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId));
  }

  private BillTerms terms() {
    return products.billTerms("BNPL_BILL");
  }

  private LocalDate today() {
    return LocalDates.utcDate(env.currentTimeMillis());
  }

  @Test
  void a_bill_paid_within_the_grace_period_costs_the_shopper_exactly_the_bill_and_settles_the_merchant_once() {
    BillWorkflow bill = checkout("400.00");
    BillView captured = bill.confirm("shopper-" + UUID.randomUUID());
    assertThat(captured.status()).isEqualTo(BillStatus.CAPTURED);
    assertThat(captured.merchantFee()).isEqualTo(Money.of("6.00", "USD"));
    assertThat(captured.dueDate()).isEqualTo(today().plusDays(14));
    assertThat(captured.outstanding()).isEqualTo(Money.of("400.00", "USD"));

    WorkflowTestSupport.sleepUntil(env, today().plusDays(1), 6);
    var settlements = bills.settlements(merchantId);
    assertThat(settlements).hasSize(1);
    assertThat(settlements.getFirst().status()).isEqualTo("PAID");
    assertThat(settlements.getFirst().net()).isEqualTo(Money.of("394.00", "USD"));
    assertThat(creditsTo(settlements.getFirst().settlementId())).isEqualTo(1);

    WorkflowTestSupport.sleepUntil(env, captured.dueDate(), 12);
    bill.paymentReceived(new PaymentReceived("bank-1", Money.of("400.00", "USD"), env.currentTimeMillis()));
    bill.paymentReceived(new PaymentReceived("bank-1", Money.of("400.00", "USD"), env.currentTimeMillis()));
    BillView paid = WorkflowStub.fromTyped(bill).getResult(BillView.class);
    assertThat(paid.status()).isEqualTo(BillStatus.PAID);
    assertThat(paid.lateInterest().amount()).isEqualByComparingTo("0.00");
    assertThat(net(paid.billId(), BillAccounts.receivable(paid.billId()))).isEqualByComparingTo("0.00");
    assertThat(cashIn(paid.billId())).isEqualByComparingTo("400.00");
    assertThat(merchantPayable()).isEqualByComparingTo("0.00");
    assertThat(feeIncome(paid.billId())).isEqualByComparingTo("-6.00");
    assertBalanced(paid.billId());
    WorkflowTestSupport.sleepUntil(env, today().plusDays(3), 0);
    assertThat(bills.settlements(merchantId)).hasSize(1);
    assertThat(webhookTypes()).contains("bill.authorized", "bill.captured", "settlement.paid");
  }

  @Test
  void a_late_bill_accrues_30_percent_apr_daily_to_the_cent_and_climbs_the_collection_ladder() {
    BillWorkflow bill = checkout("1000.00");
    BillView captured = bill.confirm("shopper-" + UUID.randomUUID());
    int lateDays = 15;
    WorkflowTestSupport.sleepUntil(env, captured.dueDate().plusDays(lateDays), 10);

    BigDecimal daily = new BigDecimal("1000.00").multiply(new BigDecimal("0.30"))
        .divide(BigDecimal.valueOf(365), 2, RoundingMode.HALF_EVEN);
    assertThat(daily).isEqualByComparingTo("0.82");
    BillView late = bill.view();
    assertThat(late.status()).isEqualTo(BillStatus.OVERDUE);
    assertThat(late.daysLate()).isEqualTo(lateDays);
    assertThat(late.lateInterest().amount()).isEqualByComparingTo(daily.multiply(BigDecimal.valueOf(lateDays)));
    assertThat(late.stages()).containsSubsequence("collection-friendly", "collection-warning", "collection-final",
        "late-fee");
    assertThat(webhookTypes()).contains("bill.overdue");

    Money owed = late.outstanding();
    assertThat(owed.amount()).isEqualByComparingTo(new BigDecimal("1000.00").add(daily.multiply(BigDecimal.valueOf(15))));
    bill.paymentReceived(new PaymentReceived("bank-late", owed, env.currentTimeMillis()));
    BillView paid = WorkflowStub.fromTyped(bill).getResult(BillView.class);
    assertThat(paid.status()).isEqualTo(BillStatus.PAID);
    assertThat(paid.interestPaid()).isEqualTo(late.lateInterest());
    assertThat(net(paid.billId(), BillAccounts.LATE_INTEREST_INCOME)).isEqualByComparingTo(
        late.lateInterest().amount().negate());
    assertThat(net(paid.billId(), BillAccounts.lateInterest(paid.billId()))).isEqualByComparingTo("0.00");
    assertBalanced(paid.billId());
    assertThat(webhookTypes()).contains("repayment.due", "bill.overdue", "repayment.missed", "collection.initiated",
        "repayment.received");
    WorkflowTestSupport.recordHistory(client, WorkflowIds.bill(paid.billId()), "bill-paid-late");
  }

  @Test
  void partial_refunds_before_and_after_settlement_reduce_what_the_shopper_owes_and_claw_back_from_the_next_batch() {
    String shopper = "shopper-" + UUID.randomUUID();
    BillWorkflow bill = checkout("400.00");
    bill.confirm(shopper);
    BillView before = bill.refund(new Refund("rf-1", Money.of("100.00", "USD"), "one item returned"));
    assertThat(before.outstanding()).isEqualTo(Money.of("300.00", "USD"));
    assertThat(bill.refund(new Refund("rf-1", Money.of("100.00", "USD"), "one item returned")).refunded())
        .isEqualTo(Money.of("100.00", "USD"));
    assertThatThrownBy(() -> bill.refund(new Refund("rf-2", Money.of("300.01", "USD"), null)))
        .isInstanceOf(WorkflowUpdateException.class);

    WorkflowTestSupport.sleepUntil(env, today().plusDays(1), 6);
    // 400 − 6.00 fee − (100 − 1.50 fee returned)
    assertThat(bills.settlements(merchantId).getFirst().net()).isEqualTo(Money.of("295.50", "USD"));

    BillView after = bill.refund(new Refund("rf-3", Money.of("50.00", "USD"), null));
    assertThat(after.outstanding()).isEqualTo(Money.of("250.00", "USD"));
    BillWorkflow second = checkout("200.00");
    second.confirm(shopper);
    WorkflowTestSupport.sleepUntil(env, today().plusDays(1), 6);
    var latest = bills.settlements(merchantId).getFirst();
    // 200 − 3.00 fee − (50 − 0.75 fee returned)
    assertThat(latest.net()).isEqualTo(Money.of("147.75", "USD"));
    assertThat(merchantPayable()).isEqualByComparingTo("0.00");

    bill.paymentReceived(new PaymentReceived("bank-2", Money.of("250.00", "USD"), env.currentTimeMillis()));
    assertThat(WorkflowStub.fromTyped(bill).getResult(BillView.class).status()).isEqualTo(BillStatus.PAID);
    assertBalanced(after.billId());
    WorkflowTestSupport.recordHistory(client, WorkflowIds.bill(after.billId()), "bill-refunded-paid");
    WorkflowTestSupport.recordHistory(client, WorkflowIds.settlement(merchantId, latest.businessDate()),
        "settlement-paid");
  }

  @Test
  void a_merchant_webhook_the_shop_refuses_is_retried_until_it_is_taken_once() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + "/sandbox/shop/knobs"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"webhookFailures\":2}")).build(),
        HttpResponse.BodyHandlers.ofString());
    BillView captured = checkout("80.00").confirm("shopper-" + UUID.randomUUID());
    env.sleep(Duration.ofMinutes(2));
    var delivery = jdbc.sql("""
            select attempts, delivered_at is not null from merchant_events where event_id = ?""")
        .param(captured.billId() + ":bill.authorized")
        .query((rs, n) -> new Object[] {rs.getInt(1), rs.getBoolean(2)}).single();
    assertThat((Boolean) delivery[1]).isTrue();
    assertThat((Integer) delivery[0] + deliveriesAttempted(captured.billId() + ":bill.captured")).isEqualTo(4);
    assertThat(webhookTypes().stream().filter(t -> t.equals("bill.authorized")).count()).isEqualTo(1);
  }

  private int deliveriesAttempted(String eventId) {
    return jdbc.sql("select attempts from merchant_events where event_id = ?").param(eventId).query(Integer.class)
        .single();
  }

  @Test
  void a_session_nobody_confirms_expires_and_cannot_be_confirmed_after() {
    BillWorkflow bill = checkout("50.00");
    env.sleep(Duration.ofMinutes(terms().checkoutMinutes() + 1));
    BillView expired = WorkflowStub.fromTyped(bill).getResult(BillView.class);
    assertThat(expired.status()).isEqualTo(BillStatus.EXPIRED);
    assertThat(bills.find(expired.billId()).orElseThrow().status()).isEqualTo("EXPIRED");
    assertThatThrownBy(() -> bill.confirm("late-shopper")).isInstanceOfAny(WorkflowUpdateException.class,
        WorkflowNotFoundException.class);
    assertThat(jdbc.sql("select count(*) from ledger_transfers where loan_id = ?::uuid").param(expired.billId())
        .query(Long.class).single()).isZero();
  }

  @Test
  void a_shopper_over_the_limit_is_declined_and_nothing_is_posted() {
    String shopper = "shopper-" + UUID.randomUUID();
    checkout("4000.00").confirm(shopper);
    BillView declined = checkout("1500.00").confirm(shopper);
    assertThat(declined.status()).isEqualTo(BillStatus.DECLINED);
    assertThat(jdbc.sql("select count(*) from ledger_transfers where loan_id = ?::uuid").param(declined.billId())
        .query(Long.class).single()).isZero();
  }

  private BigDecimal net(String billId, String account) {
    return jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
              join ledger_accounts a on a.id = e.account_id
             where t.loan_id = ?::uuid and a.code = ?""")
        .params(billId, account).query(BigDecimal.class).single();
  }

  private BigDecimal cashIn(String billId) {
    return net(billId, BillAccounts.CASH);
  }

  private BigDecimal feeIncome(String billId) {
    return net(billId, BillAccounts.MERCHANT_FEE_INCOME);
  }

  /** The merchant's payable over all its transfers, settlements included: zero once everything is paid out. */
  private BigDecimal merchantPayable() {
    return jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = ?""")
        .param(BillAccounts.merchantPayable(merchantId)).query(BigDecimal.class).single();
  }

  private void assertBalanced(String billId) {
    assertThat(jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_transfers t on t.id = e.transfer_id where t.loan_id = ?::uuid""")
        .param(billId).query(BigDecimal.class).single()).isEqualByComparingTo("0");
  }

  private long creditsTo(String settlementId) {
    JsonNode credits = get("/sandbox/rails/credits");
    long count = 0;
    for (JsonNode credit : credits) {
      if (credit.path("reference").asString().equals(settlementId)) {
        count++;
      }
    }
    return count;
  }

  private List<String> webhookTypes() {
    List<String> types = new ArrayList<>();
    for (JsonNode event : get("/sandbox/shop/webhooks")) {
      if (event.path("merchantId").asString().equals(merchantId)) {
        types.add(event.path("type").asString());
      }
    }
    return types;
  }

  private JsonNode get(String path) {
    try {
      return Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
