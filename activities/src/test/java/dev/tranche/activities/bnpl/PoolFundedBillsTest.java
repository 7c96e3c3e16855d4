package dev.tranche.activities.bnpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.ChainActivitiesImpl;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.marketplace.MarketplaceProperties;
import dev.tranche.activities.pool.PoolLending;
import dev.tranche.activities.pool.PoolLendingProperties;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.activities.testsupport.WorkflowTestSupport;
import dev.tranche.bnpl.BillCollateralWorkflowImpl;
import dev.tranche.bnpl.BillStatus;
import dev.tranche.bnpl.BillView;
import dev.tranche.bnpl.BillWorkflow;
import dev.tranche.bnpl.BillWorkflowImpl;
import dev.tranche.bnpl.CollateralPledge;
import dev.tranche.bnpl.SettlementWorkflowImpl;
import dev.tranche.chain.PaymentRecord;
import dev.tranche.chain.PaymentRecordWorkflow;
import dev.tranche.chain.PaymentRecordWorkflowImpl;
import dev.tranche.chain.PoolLoanWorkflow;
import dev.tranche.chain.PoolLoanWorkflowImpl;
import dev.tranche.chain.PoolReconciliation;
import dev.tranche.chain.PoolReconciliationWorkflow;
import dev.tranche.chain.PoolReconciliationWorkflowImpl;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.LiquidityPool;
import dev.tranche.disbursement.LenderCommand;
import dev.tranche.disbursement.LenderLoan;
import dev.tranche.money.Money;
import dev.tranche.servicing.Allocation;
import dev.tranche.servicing.PaymentReceived;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Bills funded by the liquidity pool on a real anvil node, on the time-skipping test server: the capture
 * draws from the pool, each repayment goes back with the pool's share of the interest and fees (and the
 * hash of its ledger transfer as the receipt), a bill handed to the agency is written off, and the pool's
 * ledger reconciles to the contract's {@code totalAssets()} after every movement. Last, a marketplace loan
 * the pool funded: drawn, paid out, repaid with the pool's share of its interest, then charged off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolFundedBillsTest extends ActivitiesIntegrationTest {

  private static final BigInteger USDC = BigInteger.TEN.pow(6);
  private static AnvilNode node;
  private static Chain chain;
  private static LocalDeployment contracts;

  @Autowired JdbcClient jdbc;
  @Autowired Ledger ledger;
  @Autowired TransactionTemplate tx;
  @Autowired MerchantDirectory merchants;
  @Autowired Bills bills;
  @Autowired BnplProperties properties;
  @Autowired ServicingProperties servicing;
  @Autowired AuditLog audit;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private PoolDesk pools;
  private BnplProperties pooled;
  private String merchantId;
  private String provider;

  @BeforeAll
  static void startChain() {
    node = AnvilNode.start(31337, 0);
    chain = new Chain(node.rpcUrl());
    contracts = LocalDeployment.deploy(chain, chain.fundedAccount(), 2000);
  }

  @AfterAll
  static void stopChain() {
    chain.close();
    node.close();
  }

  @BeforeEach
  void environment() {
    ChainProperties chains = new ChainProperties(Map.of("pooltest", new ChainProperties.ChainConfig(node.rpcUrl(),
        31337, contracts.vault().getContractAddress(), Chain.privateKeyHex(contracts.operator()), 1, 0, null, 0,
        contracts.stablecoin().getContractAddress(), 0, 0, 0, contracts.pool().getContractAddress(),
        contracts.receipts().getContractAddress()), "pooltestlp", new ChainProperties.ChainConfig(node.rpcUrl(),
        31337, contracts.lpVault().getContractAddress(), Chain.privateKeyHex(contracts.operator()), 1, 0,
        contracts.shareFeed().getContractAddress(), 0, contracts.stablecoin().getContractAddress(), 0, 0, 0)));
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    pools = new PoolDesk(chains, jdbc, () -> client);
    pooled = new BnplProperties(properties.kybUrl(), properties.checkoutBaseUrl(),
        properties.shopperLimit(), properties.ratePerMinute(), properties.keyRotationGraceHours(), "pooltest",
        new BigDecimal("0.80"));
    Worker servicingWorker = env.newWorker(TaskQueues.SERVICING);
    servicingWorker.registerWorkflowImplementationTypes(BillWorkflowImpl.class, SettlementWorkflowImpl.class);
    servicingWorker.registerActivitiesImplementations(new BillActivitiesImpl(jdbc, ledger, tx, merchants, pooled,
        servicing, audit, () -> client, pools));
    Worker chainWorker = env.newWorker(TaskQueues.CHAIN);
    chainWorker.registerWorkflowImplementationTypes(PoolLoanWorkflowImpl.class, PoolReconciliationWorkflowImpl.class,
        BillCollateralWorkflowImpl.class, PaymentRecordWorkflowImpl.class);
    chainWorker.registerActivitiesImplementations(new ChainActivitiesImpl(chains, jdbc, ledger, audit, tx,
        () -> client));
    env.start();
    merchantId = "pool-shop-" + UUID.randomUUID().toString().substring(0, 8);
    merchants.create(new MerchantDirectory.NewMerchant(merchantId, "Pool Shop", "Pool Shop LLC", "12-3456789", "US",
        SANDBOX.baseUrl() + "/shop/v1/webhooks/" + merchantId, "dev-merchant-webhook-secret", "000123456789", null),
        "admin-test");
  }

  @AfterEach
  void close() {
    env.close();
  }

  private BillWorkflow capturedBill(String amount) {
    String billId = tx.execute(s -> bills.open(merchantId, new Bills.NewCheckout(Money.of(amount, "USD"),
        "ORD-" + UUID.randomUUID(), "https://shop.example/ok", "https://shop.example/cancel", "BNPL_BILL"))).billId();
    bills.start(billId, client);
    BillWorkflow bill = client.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId));
    assertThat(bill.confirm("shopper-" + UUID.randomUUID()).status()).isEqualTo(BillStatus.CAPTURED);
    return bill;
  }

  private LiquidityPool pool() {
    return contracts.pool();
  }

  private BigInteger value(String lp) throws Exception {
    return pool().convertToAssets(pool().balanceOf(lp).send()).send();
  }

  /** Waits (on the test server's clock, which skips) until the loan's pool workflow has ended. */
  private void awaitPool(String billId) {
    WorkflowStub.fromTyped(client.newWorkflowStub(PoolLoanWorkflow.class, WorkflowIds.poolLoan(billId)))
        .getResult(Void.class);
  }

  private PoolReconciliation reconcile() {
    String id = "reconcile-" + UUID.randomUUID();
    PoolReconciliation result = client.newWorkflowStub(PoolReconciliationWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.CHAIN).setWorkflowId(id).build()).reconcile("pooltest");
    WorkflowTestSupport.recordHistory(client, id, "pool-reconciliation");
    return result;
  }

  private BigInteger usdc(String amount) {
    return new BigDecimal(amount).movePointRight(6).toBigIntegerExact();
  }

  @Test
  @Order(2)
  void a_pool_funded_bill_paid_late_raises_the_providers_value_by_the_pools_share_of_interest_and_fee()
      throws Exception {
    provider = contracts.provideLiquidity(chain, usdc("10000.00"));
    BigInteger assetsBefore = pool().totalAssets().send();
    BigInteger valueBefore = value(provider);
    BillWorkflow bill = capturedBill("1000.00");
    String billId = bill.view().billId();
    BillView captured = bill.view();
    assertThat(bills.find(billId).orElseThrow().funding()).isEqualTo("POOL:pooltest");

    WorkflowTestSupport.sleepUntil(env, captured.dueDate().plusDays(10), 12);
    BillView late = bill.view();
    // 10 late days of 1000.00 × 0.30 / 365 = 0.82
    assertThat(late.lateInterest()).isEqualTo(Money.of("8.20", "USD"));
    bill.paymentReceived(new PaymentReceived("bank-pool-1", late.outstanding(), env.currentTimeMillis()));
    assertThat(WorkflowStub.fromTyped(bill).getResult(BillView.class).status()).isEqualTo(BillStatus.PAID);
    awaitPool(billId);

    // The pool's share: 80 % of 8.20 interest (6.56) and of the 15.00 merchant fee (12.00).
    BigInteger share = usdc("18.56");
    assertThat(pool().totalAssets().send()).isEqualTo(assetsBefore.add(share));
    assertThat(pool().outstandingPrincipal().send()).isZero();
    BigInteger gained = value(provider).subtract(valueBefore);
    assertThat(gained).isBetween(share.subtract(BigInteger.TWO), share);
    assertThat(reconcile().matched()).isTrue();

    var movements = pools.movements(billId);
    assertThat(movements).extracting(PoolDesk.Movement::kind).containsExactly("DRAW", "REPAY");
    PoolDesk.Movement repay = movements.get(1);
    assertThat(repay.receipt()).isEqualTo(Hash.sha3String("bill-payment:bank-pool-1"));
    // The payment is on the record: the pool's Repaid event carries the ledger transfer's hash.
    var receipt = chain.web3j().ethGetTransactionReceipt(repay.txHash()).send().getTransactionReceipt().orElseThrow();
    assertThat(LiquidityPool.getRepaidEvents(receipt)).singleElement()
        .satisfies(e -> assertThat(Numeric.toHexString(e.receipt)).isEqualTo(repay.receipt()));
    assertThat(pool().receipts(Numeric.hexStringToByteArray(repay.receipt())).send()).isTrue();
    WorkflowTestSupport.recordHistory(client, WorkflowIds.poolLoan(billId), "pool-loan-repaid");
  }

  @Test
  @Order(3)
  void a_pool_funded_bill_handed_to_the_agency_is_written_off_and_lowers_the_providers_value() throws Exception {
    provider = contracts.provideLiquidity(chain, usdc("5000.00"));
    BillWorkflow bill = capturedBill("400.00");
    String billId = bill.view().billId();
    BigInteger assetsBefore = pool().totalAssets().send();
    WorkflowTestSupport.sleepUntil(env, bill.view().dueDate().plusDays(31), 12);
    assertThat(WorkflowStub.fromTyped(bill).getResult(BillView.class).status()).isEqualTo(BillStatus.WITH_AGENCY);
    awaitPool(billId);
    assertThat(pool().totalAssets().send()).isEqualTo(assetsBefore.subtract(usdc("400.00")));
    assertThat(pools.movements(billId)).extracting(PoolDesk.Movement::kind).containsExactly("DRAW", "WRITE_OFF");
    assertThat(reconcile().matched()).isTrue();
  }

  @Test
  @Order(1)
  void a_pool_without_the_liquidity_leaves_the_bill_to_tranches_own_cash() throws Exception {
    assertThat(pool().idleLiquidity().send()).isZero();
    BillWorkflow bill = capturedBill("250.00");
    String billId = bill.view().billId();
    assertThat(bills.find(billId).orElseThrow().funding()).isEqualTo("BALANCE_SHEET");
    assertThat(pools.movements(billId)).isEmpty();
    assertThat(pool().outstandingPrincipal().send()).isZero();
  }

  @Test
  @Order(4)
  void a_bill_secured_by_lp_tokens_is_liquidated_when_a_pool_loss_takes_it_below_a_health_factor_of_one()
      throws Exception {
    Credentials shopper = LocalDeployment.liquidityProvider(chain, contracts.faucet(),
        contracts.stablecoin().getContractAddress(), pool().getContractAddress(), usdc("2000.00"));
    String billId = tx.execute(s -> bills.open(merchantId, new Bills.NewCheckout(Money.of("1000.00", "USD"),
        "ORD-" + UUID.randomUUID(), "https://shop.example/ok", "https://shop.example/cancel",
        "BNPL_BILL_LP_COLLATERAL"))).billId();
    bills.start(billId, client);
    BillWorkflow bill = client.newWorkflowStub(BillWorkflow.class, WorkflowIds.bill(billId));
    assertThatThrownBy(() -> bill.confirm("lp-shopper")).isInstanceOf(WorkflowUpdateException.class);
    assertThat(bill.confirmWithCollateral(new CollateralPledge("lp-shopper", shopper.getAddress())).status())
        .isEqualTo(BillStatus.AWAITING_COLLATERAL);

    // 111 % of 1,000.00 at the share price, rounded up to the LP token's unit.
    Bills.Pledge asked = null;
    for (int i = 0; i < 200 && (asked == null || asked.requiredUnits() == null); i++) {
      env.sleep(Duration.ofSeconds(1));
      asked = bills.pledge(billId).orElse(null);
    }
    BigInteger required = new BigInteger(asked.requiredUnits());
    BigInteger price = shareFeedAnswer();
    assertThat(required).isEqualTo(new BigDecimal("1110.00").movePointRight(6 + 8)
        .divide(new BigDecimal(price), 0, RoundingMode.CEILING).toBigIntegerExact());
    LiquidityPool.load(pool().getContractAddress(), chain.web3j(), chain.signer(shopper), chain.gas())
        .approve(contracts.lpVault().getContractAddress(), required).send();
    for (int i = 0; i < 200 && contracts.lpVault().expectedDepositor(LocalDeployment.loanKey(billId)).send()
        .equals("0x0000000000000000000000000000000000000000"); i++) {
      env.sleep(Duration.ofSeconds(1));
    }
    CollateralVault.load(contracts.lpVault().getContractAddress(), chain.web3j(), chain.signer(shopper), chain.gas())
        .deposit(LocalDeployment.loanKey(billId), required).send();
    for (int i = 0; i < 200 && bill.view().status() != BillStatus.CAPTURED; i++) {
      env.sleep(Duration.ofSeconds(2));
    }
    assertThat(bill.view().status()).isEqualTo(BillStatus.CAPTURED);
    assertThat(bills.pledge(billId).orElseThrow().status()).isEqualTo("LOCKED");

    // A loss of 15 % of the pool's assets takes the share price, and the pledge, below 1.0.
    BigInteger loss = pool().totalAssets().send().multiply(BigInteger.valueOf(15)).divide(BigInteger.valueOf(100));
    byte[] lost = LocalDeployment.loanKey(UUID.randomUUID().toString());
    pool().draw(lost, loss, contracts.treasury()).send();
    pool().writeOff(lost, loss).send();
    assertThat(contracts.lpVault().healthFactor(LocalDeployment.loanKey(billId)).send())
        .isLessThan(BigInteger.TEN.pow(18));
    env.sleep(Duration.ofHours(2));
    Bills.Pledge seized = bills.pledge(billId).orElseThrow();
    assertThat(seized.status()).isEqualTo("LIQUIDATED");
    // Below 1.0 the pledge is worth less than the debt: all of it is seized, its value paid into the bill, and
    // the shopper still owes the rest, within the grace period as before.
    BigDecimal proceeds = new BigDecimal(seized.proceeds());
    assertThat(proceeds).isBetween(new BigDecimal("900.00"), new BigDecimal("999.99"));
    BillView after = bill.view();
    assertThat(after.status()).isEqualTo(BillStatus.CAPTURED);
    assertThat(after.outstanding().amount()).isEqualByComparingTo(new BigDecimal("1000.00").subtract(proceeds));
    assertThat(jdbc.sql("""
            select coalesce(sum(case when e.direction = 'D' then e.amount else -e.amount end), 0)
              from ledger_entries e join ledger_transfers t on t.id = e.transfer_id where t.loan_id = ?::uuid""")
        .param(billId).query(BigDecimal.class).single()).isEqualByComparingTo("0");
    WorkflowTestSupport.recordHistory(client, "bill-collateral-" + billId, "bill-collateral-liquidated");
  }

  @Test
  @Order(5)
  void a_marketplace_loan_funded_by_the_pool_is_repaid_with_its_interest_share_then_written_off() throws Exception {
    PoolLending lending = new PoolLending(new PoolLendingProperties("pooltest", null, null, null, null, null, 0),
        new MarketplaceProperties(Map.of("pool", new MarketplaceProperties.Lender(null, "pool", null)), 0, null),
        pools, jdbc, tx, ledger, audit, servicing.railUrl());
    String loanId = UUID.randomUUID().toString();
    LenderCommand command = new LenderCommand(loanId + ":create", "pool", loanId, UUID.randomUUID().toString(), null,
        Money.of("500.00", "USD"), null);
    assertThatThrownBy(() -> lending.create(command)).hasMessageContaining("not lending");
    lending.setTerms("pooltest", true, new BigDecimal("0.25"), "admin-test");
    String provider = contracts.provideLiquidity(chain, usdc("2000.00"));
    BigInteger assetsBefore = pool().totalAssets().send();
    BigInteger lentBefore = pool().outstandingPrincipal().send();
    // The loss the previous test made on the contract alone is a known gap between book and chain; this loan's
    // movements must leave that gap exactly as it is.
    PoolReconciliation gapBefore = reconcile();
    assertThat(lending.create(command).status()).isEqualTo("CREATED");

    // The draw is mined by the loan's pool workflow; until then the disbursement is told to retry.
    LenderLoan funded = null;
    for (int attempt = 0; funded == null && attempt < 100; attempt++) {
      try {
        funded = lending.disburse(command, env.currentTimeMillis());
      } catch (io.temporal.failure.ApplicationFailure pending) {
        assertThat(pending.getType()).isEqualTo("POOL_DRAW_PENDING");
        Thread.sleep(100);
      }
    }
    assertThat(funded).isNotNull();
    assertThat(funded.funded()).isTrue();
    assertThat(lending.disburse(command, env.currentTimeMillis())).isEqualTo(funded);
    assertThat(pool().outstandingPrincipal().send()).isEqualTo(lentBefore.add(usdc("500.00")));

    // A payment of 200.00 principal and 10.00 interest: the pool gets 200.00 and 8.00 back.
    Money zero = Money.zero(java.util.Currency.getInstance("USD"));
    lending.repaid(loanId, new Allocation("bank-1", Money.of("210.00", "USD"), zero, zero, Money.of("10.00", "USD"),
        Money.of("200.00", "USD"), zero, zero, java.util.List.of()), "payment:bank-1");
    // Charged off with 300.00 unpaid: the pool bears it.
    lending.chargedOff(loanId, Money.of("300.00", "USD"));
    awaitPool(loanId);
    assertThat(pools.movements(loanId)).extracting(PoolDesk.Movement::kind, PoolDesk.Movement::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DRAW", "MINED"),
            org.assertj.core.groups.Tuple.tuple("REPAY", "MINED"),
            org.assertj.core.groups.Tuple.tuple("WRITE_OFF", "MINED"));
    assertThat(pools.movements(loanId).get(1).interest()).isEqualByComparingTo("8.00");
    assertThat(pool().outstandingPrincipal().send()).isEqualTo(lentBefore);
    assertThat(pool().totalAssets().send()).isEqualTo(assetsBefore.add(usdc("8.00")).subtract(usdc("300.00")));
    assertThat(value(provider)).isLessThan(usdc("2000.00"));
    WorkflowTestSupport.recordHistory(client, WorkflowIds.poolLoan(loanId), "pool-loan-marketplace");
    PoolReconciliation gapAfter = reconcile();
    assertThat(gapAfter.ledgerAssets().subtract(gapAfter.chainAssets()))
        .isEqualByComparingTo(gapBefore.ledgerAssets().subtract(gapBefore.chainAssets()));
    assertThat(gapAfter.ledgerLoans().subtract(gapAfter.chainLoans()))
        .isEqualByComparingTo(gapBefore.ledgerLoans().subtract(gapBefore.chainLoans()));
  }

  @Test
  @Order(6)
  void a_payment_is_written_once_to_the_receipts_contract_and_found_by_its_ledger_hash() throws Exception {
    String loanId = UUID.randomUUID().toString();
    String ledgerKey = "payment:ext:TRF-" + UUID.randomUUID();
    PaymentRecord payment = new PaymentRecord("pooltest", loanId, ledgerKey, Money.of("1043.86", "USD"));
    WorkflowOptions options = WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowId(WorkflowIds.paymentRecord(ledgerKey)).build();
    assertThat(client.newWorkflowStub(PaymentRecordWorkflow.class, options).record(payment)).isEqualTo("MINED");
    String receipt = Hash.sha3String(ledgerKey);
    assertThat(contracts.receipts().loanOf(Numeric.hexStringToByteArray(receipt)).send())
        .isEqualTo(LocalDeployment.loanKey(loanId));
    assertThat(jdbc.sql("select amount from payment_records where receipt = ? and status = 'MINED'").param(receipt)
        .query(BigDecimal.class).single()).isEqualByComparingTo("1043.86");
    WorkflowTestSupport.recordHistory(client, WorkflowIds.paymentRecord(ledgerKey), "payment-record");

    // Asked again under another workflow id (an operator's re-run): the signer hands back the stored transaction
    // (the key is the ledger's), so the chain and the book keep one record.
    String again = "payment-record-again-" + UUID.randomUUID();
    assertThat(client.newWorkflowStub(PaymentRecordWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.CHAIN).setWorkflowId(again).build())
        .record(new PaymentRecord("pooltest", loanId, ledgerKey, Money.of("1043.86", "USD")))).isEqualTo("MINED");
    assertThat(jdbc.sql("select count(*) from payment_records where receipt = ?").param(receipt).query(Long.class)
        .single()).isEqualTo(1);
  }

  private BigInteger shareFeedAnswer() throws Exception {
    return contracts.shareFeed().latestRoundData().send().component2();
  }
}
