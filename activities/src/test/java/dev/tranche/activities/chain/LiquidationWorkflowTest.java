package dev.tranche.activities.chain;

import dev.tranche.chain.VaultCall;
import dev.tranche.chain.VaultLoan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.chain.LiquidationOutcome;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.LiquidationWorkflow;
import dev.tranche.chain.LiquidationWorkflowImpl;
import dev.tranche.chain.CollateralMonitorWorkflow;
import dev.tranche.chain.CollateralMonitorWorkflowImpl;
import dev.tranche.chain.MonitorRequest;
import dev.tranche.activities.application.ApplicantStore;
import dev.tranche.activities.testsupport.Fixtures;
import dev.tranche.common.NotificationActivities;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;

/** LiquidationWorkflow on the SDK test server with the real chain activities against anvil. */
class LiquidationWorkflowTest extends ActivitiesIntegrationTest {

  private static AnvilNode node;
  private static Chain chain;
  private static LocalDeployment contracts;
  private static Credentials operator;

  @Autowired JdbcClient jdbc;
  @Autowired Ledger ledger;
  @Autowired AuditLog audit;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired NotificationActivities sms;
  @Autowired ApplicantStore applicants;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ChainActivitiesImpl activities;

  @BeforeAll
  static void chain() {
    node = AnvilNode.start(31337, 0);
    chain = new Chain(node.rpcUrl());
    operator = chain.fundedAccount();
    contracts = LocalDeployment.deploy(chain, operator, 2000);
  }

  @AfterAll
  static void stopChain() {
    chain.close();
    node.close();
  }

  @BeforeEach
  void environment() throws Exception {
    String key = Chain.privateKeyHex(operator);
    // Events are scanned in 4-block windows from block 0: every test here reads logs as on a public network.
    activities = new ChainActivitiesImpl(new ChainProperties(Map.of("local", new ChainProperties.ChainConfig(
        node.rpcUrl(), 31337, contracts.vault().getContractAddress(), key, 1, 0, null, 0, null, 0, 0, 4))), jdbc,
        ledger, audit, tx, () -> client);
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    Worker worker = env.newWorker(TaskQueues.CHAIN);
    worker.registerWorkflowImplementationTypes(LiquidationWorkflowImpl.class, CollateralMonitorWorkflowImpl.class,
        dev.tranche.chain.PriceWatchWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities, sms);
    env.start();
    contracts.feed().setAnswer(price(2000)).send();
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static BigInteger price(long usd) {
    return BigInteger.valueOf(usd).multiply(BigInteger.TEN.pow(8));
  }

  /** A locked position of 1 WETH against 1,800 USD (111 %), returned with its loan id. */
  private String lockedLoan() throws Exception {
    String loanId = UUID.randomUUID().toString();
    byte[] key = LocalDeployment.loanKey(loanId);
    contracts.borrowerWithDeposit(chain, key, 1);
    contracts.vault().lock(key, BigInteger.valueOf(1800).multiply(LocalDeployment.WAD)).send();
    return loanId;
  }

  private LiquidationWorkflow stub(String workflowId) {
    return client.newWorkflowStub(LiquidationWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.CHAIN).build());
  }

  private long liquidatedEvents(String loanId) throws Exception {
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
        contracts.vault().getContractAddress());
    filter.addSingleTopic(EventEncoder.encode(CollateralVault.LIQUIDATED_EVENT));
    filter.addSingleTopic(org.web3j.utils.Numeric.toHexString(LocalDeployment.loanKey(loanId)));
    return chain.web3j().ethGetLogs(filter).send().getLogs().size();
  }

  @Test
  void an_unsafe_position_is_liquidated_once_and_the_proceeds_booked() throws Exception {
    String loanId = lockedLoan();
    contracts.feed().setAnswer(price(1500)).send();
    LiquidationOutcome outcome = stub(WorkflowIds.liquidation(loanId))
        .liquidate(new LiquidationRequest(loanId, "local", "health factor below 1.0"));

    assertThat(outcome.outcome()).isEqualTo("LIQUIDATED");
    String dir = System.getProperty("tranche.recordHistories");
    if (dir != null) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "liquidation.json"),
          client.fetchHistory(WorkflowIds.liquidation(loanId)).toJson(true));
    }
    assertThat(outcome.event().seizedWei()).isEqualTo(LocalDeployment.WAD.toString());
    assertThat(liquidatedEvents(loanId)).isEqualTo(1);
    assertThat(jdbc.sql("select status from chain_transactions where loan_id = ?::uuid").param(loanId)
        .query(String.class).single()).isEqualTo("CONFIRMED");
    // 1 WETH seized at 1,500 USD.
    assertThat(jdbc.sql("select proceeds_usd from liquidations where loan_id = ?::uuid").param(loanId)
        .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("1500.00");
    assertThat(jdbc.sql("select count(*) from ledger_transfers where idempotency_key = ?")
        .param("liquidation:" + loanId).query(Long.class).single()).isEqualTo(1);
    // A later trigger under the same business id reads the chain first: nothing is sent twice.
    assertThat(stub(WorkflowIds.liquidation(loanId)).liquidate(new LiquidationRequest(loanId, "local", "again"))
        .outcome()).isEqualTo("ALREADY_LIQUIDATED");
    assertThat(liquidatedEvents(loanId)).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from ledger_transfers where idempotency_key = ?")
        .param("liquidation:" + loanId).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void two_triggers_at_once_and_a_worker_lost_after_submitting_still_make_one_liquidation() throws Exception {
    String loanId = lockedLoan();
    contracts.feed().setAnswer(price(1400)).send();
    // A previous worker submitted and stored the transaction, then died before the receipt.
    var earlier = activities.submitLiquidation(new VaultCall("local", loanId, "liquidation:" + loanId));

    LiquidationWorkflow fromMonitor = stub("monitor-" + loanId);
    LiquidationWorkflow fromCollections = stub("collections-" + loanId);
    WorkflowClient.start(fromMonitor::liquidate, new LiquidationRequest(loanId, "local", "health factor"));
    WorkflowClient.start(fromCollections::liquidate, new LiquidationRequest(loanId, "local", "day 30"));
    LiquidationOutcome a = WorkflowStub.fromTyped(fromMonitor).getResult(LiquidationOutcome.class);
    LiquidationOutcome b = WorkflowStub.fromTyped(fromCollections).getResult(LiquidationOutcome.class);

    assertThat(liquidatedEvents(loanId)).as("one Liquidated event").isEqualTo(1);
    assertThat(a.event().txHash()).isEqualTo(earlier.txHash()).isEqualTo(b.event().txHash());
    assertThat(jdbc.sql("select count(*) from chain_transactions where loan_id = ?::uuid").param(loanId)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from ledger_transfers where idempotency_key = ?")
        .param("liquidation:" + loanId).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void a_healthy_position_and_a_stale_price_are_not_liquidated_and_not_retried_forever() throws Exception {
    String healthy = lockedLoan();
    assertThat(stub("healthy-" + healthy).liquidate(new LiquidationRequest(healthy, "local", "test")).outcome())
        .isEqualTo("HEALTHY");

    String stale = lockedLoan();
    contracts.feed().setAnswerAt(price(1000), BigInteger.ONE).send();
    assertThat(stub("stale-" + stale).liquidate(new LiquidationRequest(stale, "local", "test")).outcome())
        .isEqualTo("PRICE_UNUSABLE");
    assertThat(liquidatedEvents(healthy) + liquidatedEvents(stale)).isZero();
  }

  @Test
  void a_position_already_liquidated_on_chain_is_only_booked_and_an_unknown_chain_fails_clearly() throws Exception {
    String loanId = lockedLoan();
    contracts.feed().setAnswer(price(1200)).send();
    contracts.vault().liquidate(LocalDeployment.loanKey(loanId)).send();
    LiquidationOutcome outcome = stub("after-" + loanId).liquidate(new LiquidationRequest(loanId, "local", "late"));
    assertThat(outcome.outcome()).isEqualTo("ALREADY_LIQUIDATED");
    assertThat(jdbc.sql("select count(*) from chain_transactions where loan_id = ?::uuid").param(loanId)
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from liquidations where loan_id = ?::uuid").param(loanId)
        .query(Long.class).single()).isEqualTo(1);

    assertThatThrownBy(() -> stub("nowhere-" + loanId).liquidate(new LiquidationRequest(loanId, "mainnet", "x")))
        .hasStackTraceContaining("CHAIN_MISCONFIGURED");
  }

  @Test
  void a_node_answering_another_chain_id_refuses_the_start_and_a_bad_vault_address_fails_clearly() {
    ChainActivitiesImpl wrong = new ChainActivitiesImpl(new ChainProperties(Map.of("polygon",
        new ChainProperties.ChainConfig(node.rpcUrl(), 137, contracts.vault().getContractAddress(), "0x01", 3))),
        jdbc, ledger, audit, tx, () -> client);
    assertThatThrownBy(wrong::verifyChains).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("answers chain id 31337, but 137 is configured");
    activities.verifyChains();

    ChainActivitiesImpl noVault = new ChainActivitiesImpl(new ChainProperties(Map.of("local",
        new ChainProperties.ChainConfig(node.rpcUrl(), 31337, "0x0000000000000000000000000000000000000001", "0x01",
            1))), jdbc, ledger, audit, tx, () -> client);
    assertThatThrownBy(() -> noVault.readPosition(new VaultLoan("local", UUID.randomUUID().toString())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not read the position");
  }

  private record Watched(dev.tranche.activities.application.NewApplication application, String loanId,
      CollateralMonitorWorkflow monitor) {
  }

  /** A locked position on record for a new application's loan, and its monitor started (every 60 s). */
  private Watched watchedLoan() throws Exception {
    var application = Fixtures.application("123-45-" + (1000 + (int) (Math.random() * 8999)));
    applicants.create(application);
    String loanId = lockedLoan();
    depositedOnRecord(loanId);
    CollateralMonitorWorkflow monitor = client.newWorkflowStub(CollateralMonitorWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.collateralMonitor(loanId))
            .setTaskQueue(TaskQueues.CHAIN).build());
    WorkflowClient.start(monitor::watch, new MonitorRequest(loanId, application.applicationId(), "local", 60));
    return new Watched(application, loanId, monitor);
  }

  @Test
  void the_monitor_texts_a_margin_call_below_1_1_and_ignores_a_stale_price_and_the_watcher_liquidates_below_1_0()
      throws Exception {
    Watched watched = watchedLoan();
    var application = watched.application();
    String loanId = watched.loanId();
    CollateralMonitorWorkflow monitor = watched.monitor();

    contracts.feed().setAnswer(price(1950)).send();
    env.sleep(java.time.Duration.ofMinutes(2));
    assertThat(jdbc.sql("select count(*) from sms_messages where application_id = ?::uuid and template = 'margin-call'")
        .param(application.applicationId()).query(Long.class).single()).as("one margin call at HF 1.083").isEqualTo(1);

    // Unchanged since, the monitor waits 120 s before its next read: the stale price is read within 5 minutes.
    contracts.feed().setAnswerAt(price(1000), BigInteger.ONE).send();
    env.sleep(java.time.Duration.ofMinutes(5));
    assertThat(liquidatedEvents(loanId)).as("a stale price liquidates nothing").isZero();
    assertThat(jdbc.sql("select count(*) from audit_log where action = 'COLLATERAL_ALERT' and subject_id = ?")
        .param(loanId).query(Long.class).single()).isGreaterThanOrEqualTo(1);

    // Below 1.0 the monitor leaves the liquidation to the chain's price watcher, woken by the new round; the
    // monitor ends when it reads the position liquidated.
    contracts.feed().setAnswer(price(1700)).send();
    env.sleep(java.time.Duration.ofMinutes(2));
    assertThat(liquidatedEvents(loanId)).as("the monitor starts no liquidation").isZero();
    PriceWatches.wake(client, "local", activities.feedRound("local"));
    LiquidationOutcome outcome = WorkflowStub.fromTyped(monitor).getResult(LiquidationOutcome.class);
    assertThat(outcome.outcome()).isEqualTo("LIQUIDATED");
    assertThat(liquidatedEvents(loanId)).isEqualTo(1);
    assertThat(client.fetchHistory(WorkflowIds.collateralMonitor(loanId)).toJson(false)).doesNotContain(
        "StartLiquidation");
    String dir = System.getProperty("tranche.recordHistories");
    if (dir != null) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "collateral-monitor-watched.json"),
          client.fetchHistory(WorkflowIds.collateralMonitor(loanId)).toJson(true));
      java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "price-watch.json"),
          client.fetchHistory(WorkflowIds.priceWatch("local")).toJson(true));
    }
  }

  @Test
  void a_quiet_position_is_read_at_doubling_intervals_and_a_round_below_1_1_wakes_its_monitor_at_once()
      throws Exception {
    Watched watched = watchedLoan();
    String id = WorkflowIds.collateralMonitor(watched.loanId());
    java.util.function.LongSupplier marginCalls = () -> jdbc.sql(
            "select count(*) from sms_messages where application_id = ?::uuid and template = 'margin-call'")
        .param(watched.application().applicationId()).query(Long.class).single();

    // A day at an unchanged price: 60 s between the first reads, then 120, 240, ... up to 6 h. Twelve reads
    // where a fixed interval made 1,441, so a dev clock moved a month fires a few hundred timers, not 43,000.
    env.sleep(java.time.Duration.ofDays(1));
    assertThat(client.fetchHistory(id).getEvents().stream().filter(e -> e.hasActivityTaskScheduledEventAttributes()
        && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("ReadPosition")).count())
        .isBetween(11L, 13L);
    assertThat(marginCalls.getAsLong()).isZero();

    // The price falls to a health factor of 1.083: the round's sweep wakes the monitor, which texts the margin call
    // within the minute instead of at its next read, hours away.
    contracts.feed().setAnswer(price(1950)).send();
    PriceWatches.wake(client, "local", activities.feedRound("local"));
    env.sleep(java.time.Duration.ofMinutes(1));
    long deadline = System.currentTimeMillis() + 10_000;
    while (marginCalls.getAsLong() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(marginCalls.getAsLong()).isEqualTo(1);
    assertThat(client.fetchHistory(id).getEvents().stream().filter(e -> e.hasWorkflowExecutionSignaledEventAttributes()
        && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("wake")).count()).isEqualTo(1);
    var watcher = client.newWorkflowStub(dev.tranche.chain.PriceWatchWorkflow.class, WorkflowIds.priceWatch("local"));
    deadline = System.currentTimeMillis() + 10_000;
    while ((watcher.lastSweep() == null || watcher.lastSweep().monitorsWoken() == 0)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(watcher.lastSweep().monitorsWoken()).as("monitors woken by the sweep").isGreaterThanOrEqualTo(1);
    assertThat(liquidatedEvents(watched.loanId())).isZero();
    String dir = System.getProperty("tranche.recordHistories");
    if (dir != null) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "collateral-monitor-backoff.json"),
          client.fetchHistory(id).toJson(true));
    }
    WorkflowStub.fromTyped(watched.monitor()).terminate("the test is over");
  }

  private String operatorKey() {
    return Chain.privateKeyHex(operator);
  }

  /** A worker on the chain queue whose chain {@code local} is {@code config}. */
  private ChainActivitiesImpl worker(TestWorkflowEnvironment environment, ChainProperties.ChainConfig config) {
    WorkflowClient own = environment.getWorkflowClient();
    ChainActivitiesImpl chainActivities = new ChainActivitiesImpl(new ChainProperties(Map.of("local", config)), jdbc,
        ledger, audit, tx, () -> own);
    Worker worker = environment.newWorker(TaskQueues.CHAIN);
    worker.registerWorkflowImplementationTypes(LiquidationWorkflowImpl.class);
    worker.registerActivitiesImplementations(chainActivities);
    environment.start();
    return chainActivities;
  }

  private static void awaitStored(JdbcClient jdbc, String loanId) throws InterruptedException {
    for (int i = 0; i < 200 && jdbc.sql("select count(*) from chain_transactions where loan_id = ?::uuid")
        .param(loanId).query(Long.class).single() == 0; i++) {
      Thread.sleep(50);
    }
  }

  @Test
  void a_node_restarted_mid_wait_loses_the_transaction_and_the_workflow_sends_it_again_with_the_same_nonce()
      throws Exception {
    java.nio.file.Path state = java.nio.file.Files.createTempFile("anvil-state", ".json");
    java.nio.file.Files.delete(state);
    try (AnvilNode own = AnvilNode.start(31337, 0, state); Chain ownChain = new Chain(own.rpcUrl());
        TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      Credentials signer = ownChain.fundedAccount();
      LocalDeployment deployed = LocalDeployment.deploy(ownChain, signer, 2000);
      String key = Chain.privateKeyHex(signer);
      worker(environment, new ChainProperties.ChainConfig(own.rpcUrl(), 31337,
          deployed.vault().getContractAddress(), key, 1));
      String loanId = UUID.randomUUID().toString();
      deployed.borrowerWithDeposit(ownChain, LocalDeployment.loanKey(loanId), 1);
      deployed.vault().lock(LocalDeployment.loanKey(loanId), BigInteger.valueOf(1800).multiply(LocalDeployment.WAD))
          .send();
      deployed.setPrice(1500);
      // The node stops mining: the liquidation waits in its pool when the node goes down.
      ownChain.automine(false);
      LiquidationWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(LiquidationWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.liquidation(loanId)).setTaskQueue(TaskQueues.CHAIN)
              .build());
      WorkflowClient.start(workflow::liquidate, new LiquidationRequest(loanId, "local", "restart test"));
      awaitStored(jdbc, loanId);
      long nonce = jdbc.sql("select nonce from chain_transactions where loan_id = ?::uuid").param(loanId)
          .query(Long.class).single();
      // Stored comes before broadcast: restart only once the node holds the transaction in its pool, or the
      // broadcast may reach the restarted (mining) node and nothing is lost (seen once in a full run).
      String hash = jdbc.sql("select tx_hash from chain_transactions where loan_id = ?::uuid").param(loanId)
          .query(String.class).single();
      for (int i = 0; i < 200 && ownChain.web3j().ethGetTransactionByHash(hash).send().getTransaction().isEmpty();
          i++) {
        Thread.sleep(50);
      }
      assertThat(ownChain.web3j().ethGetTransactionByHash(hash).send().getTransaction()).as("in the pool").isPresent();
      own.restart();

      LiquidationOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(LiquidationOutcome.class);
      assertThat(outcome.outcome()).isEqualTo("LIQUIDATED");
      String dir = System.getProperty("tranche.recordHistories");
      if (dir != null) {
        java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "liquidation-resent.json"),
            environment.getWorkflowClient().fetchHistory(WorkflowIds.liquidation(loanId)).toJson(true));
      }
      EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
          deployed.vault().getContractAddress());
      filter.addSingleTopic(EventEncoder.encode(CollateralVault.LIQUIDATED_EVENT));
      filter.addSingleTopic(org.web3j.utils.Numeric.toHexString(LocalDeployment.loanKey(loanId)));
      assertThat(ownChain.web3j().ethGetLogs(filter).send().getLogs()).as("one Liquidated event").hasSize(1);
      Map<String, Object> row = jdbc.sql("select nonce, attempts, tx_hash, status from chain_transactions"
          + " where loan_id = ?::uuid").param(loanId).query().singleRow();
      assertThat(row.get("nonce")).isEqualTo(nonce);
      assertThat(row.get("attempts")).isEqualTo(2);
      assertThat(row.get("status")).isEqualTo("CONFIRMED");
      assertThat(row.get("tx_hash")).isEqualTo(outcome.event().txHash());
    }
  }

  @Test
  void a_transaction_stuck_in_the_pool_is_replaced_with_the_same_nonce_and_a_higher_fee() throws Exception {
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      worker(environment, new ChainProperties.ChainConfig(node.rpcUrl(), 31337,
          contracts.vault().getContractAddress(), operatorKey(), 1, 1, null, 0, null, 0));
      String loanId = lockedLoan();
      contracts.feed().setAnswer(price(1500)).send();
      chain.automine(false);
      try {
        LiquidationWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(LiquidationWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.liquidation(loanId))
                .setTaskQueue(TaskQueues.CHAIN).build());
        WorkflowClient.start(workflow::liquidate, new LiquidationRequest(loanId, "local", "stuck test"));
        awaitStored(jdbc, loanId);
        var first = jdbc.sql("select tx_hash, nonce, gas_price from chain_transactions where loan_id = ?::uuid")
            .param(loanId).query().singleRow();
        // Unmined for longer than the chain's 1 s limit: replaced in the pool.
        for (int i = 0; i < 100 && jdbc.sql("select attempts from chain_transactions where loan_id = ?::uuid")
            .param(loanId).query(Integer.class).single() < 2; i++) {
          Thread.sleep(100);
        }
        // The row is written before the replacement reaches the node: wait until the node's pool holds it, or
        // mining now could take the original (which the workflow books as ALREADY_LIQUIDATED from the chain).
        String replacement = jdbc.sql("select tx_hash from chain_transactions where loan_id = ?::uuid")
            .param(loanId).query(String.class).single();
        for (int i = 0; i < 100 && chain.web3j().ethGetTransactionByHash(replacement).send().getTransaction()
            .isEmpty(); i++) {
          Thread.sleep(100);
        }
        chain.automine(true);
        chain.mine();
        LiquidationOutcome outcome = WorkflowStub.fromTyped(workflow).getResult(LiquidationOutcome.class);

        assertThat(outcome.outcome()).isEqualTo("LIQUIDATED");
        assertThat(liquidatedEvents(loanId)).isEqualTo(1);
        var last = jdbc.sql("select tx_hash, nonce, gas_price, replaced, attempts from chain_transactions"
            + " where loan_id = ?::uuid").param(loanId).query().singleRow();
        assertThat((Integer) last.get("attempts")).isGreaterThanOrEqualTo(2);
        assertThat(last.get("nonce")).isEqualTo(first.get("nonce"));
        assertThat((java.math.BigDecimal) last.get("gas_price"))
            .isGreaterThanOrEqualTo(((java.math.BigDecimal) first.get("gas_price")).multiply(new java.math.BigDecimal("1.125")));
        assertThat(outcome.event().txHash()).isEqualTo(last.get("tx_hash")).isNotEqualTo(first.get("tx_hash"));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'TX_RESUBMITTED' and subject_id = ?")
            .param("liquidation:" + loanId).query(Long.class).single()).isGreaterThanOrEqualTo(1);
      } finally {
        chain.automine(true);
      }
    }
  }

  @Test
  void a_price_the_reference_feed_disagrees_with_is_not_trusted_and_a_defaulted_loan_is_seized_when_healthy()
      throws Exception {
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      worker(environment, new ChainProperties.ChainConfig(node.rpcUrl(), 31337,
          contracts.vault().getContractAddress(), operatorKey(), 1, 0, contracts.reference().getContractAddress(),
          300, null, 0));
      WorkflowClient own = environment.getWorkflowClient();
      contracts.setPrice(2000);
      String loanId = lockedLoan();
      // The vault's feed says 1,500 (HF 0.83) but the reference still says 2,000: 25 % apart, over 3 %.
      contracts.feed().setAnswer(price(1500)).send();
      LiquidationOutcome refused = own.newWorkflowStub(LiquidationWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId("deviation-" + loanId).setTaskQueue(TaskQueues.CHAIN).build())
          .liquidate(new LiquidationRequest(loanId, "local", "deviation test"));
      assertThat(refused.outcome()).isEqualTo("PRICE_UNUSABLE");
      assertThat(liquidatedEvents(loanId)).isZero();

      // Both sources agree on 1,980 (within 3 % of each other is enough too): HF 1.1, healthy.
      contracts.setPrice(1980);
      assertThat(own.newWorkflowStub(LiquidationWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId("healthy-" + loanId).setTaskQueue(TaskQueues.CHAIN).build())
          .liquidate(new LiquidationRequest(loanId, "local", "monitor")).outcome()).isEqualTo("HEALTHY");
      // Collections day 30: the loan is in default, so the healthy position is seized.
      LiquidationOutcome seized = own.newWorkflowStub(LiquidationWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(WorkflowIds.liquidation(loanId)).setTaskQueue(TaskQueues.CHAIN).build())
          .liquidate(new LiquidationRequest(loanId, "local", "collections day 30", true));
      assertThat(seized.outcome()).isEqualTo("LIQUIDATED");
      // 1,800 × 1.10 = 1,980 USD at 1,980 USD/WETH: exactly 1 WETH.
      assertThat(seized.event().seizedWei()).isEqualTo(LocalDeployment.WAD.toString());
      assertThat(liquidatedEvents(loanId)).isEqualTo(1);
    } finally {
      contracts.setPrice(2000);
    }
  }

  @Test
  void a_price_older_than_the_chains_configured_heartbeat_is_not_used_though_the_vault_would_accept_it()
      throws Exception {
    try (TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance()) {
      worker(environment, new ChainProperties.ChainConfig(node.rpcUrl(), 31337,
          contracts.vault().getContractAddress(), operatorKey(), 1, 0, null, 0, null, 60));
      String loanId = lockedLoan();
      BigInteger now = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
          .getTimestamp();
      // Ten minutes old: inside the vault's one-hour heartbeat, outside this chain's 60 s.
      contracts.feed().setAnswerAt(price(1500), now.subtract(BigInteger.valueOf(600))).send();
      LiquidationOutcome outcome = environment.getWorkflowClient().newWorkflowStub(LiquidationWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("heartbeat-" + loanId).setTaskQueue(TaskQueues.CHAIN).build())
          .liquidate(new LiquidationRequest(loanId, "local", "heartbeat test"));
      assertThat(outcome.outcome()).isEqualTo("PRICE_UNUSABLE");
      assertThat(liquidatedEvents(loanId)).isZero();
    } finally {
      contracts.feed().setAnswer(price(2000)).send();
    }
  }

  /** The platform's record of a position whose collateral is deposited on chain "local". */
  private void depositedOnRecord(String loanId) {
    jdbc.sql("""
            insert into collateral_requirements (loan_id, application_id, chain, vault_address, token_address,
              wallet_address, required_wei, debt_usd, price_wad, deadline, status)
            values (?::uuid, ?::uuid, 'local', ?, ?, '0x0', 1, 1800.00, 1, now(), 'DEPOSITED')""")
        .params(loanId, UUID.randomUUID().toString(), contracts.vault().getContractAddress(),
            contracts.collateral().getContractAddress())
        .update();
  }

  @Test
  void the_price_watcher_reads_every_open_position_in_one_call_and_liquidates_only_those_below_1() throws Exception {
    String thin1 = lockedLoan();
    String thin2 = lockedLoan();
    String healthy = UUID.randomUUID().toString();
    contracts.borrowerWithDeposit(chain, LocalDeployment.loanKey(healthy), 1);
    contracts.vault().lock(LocalDeployment.loanKey(healthy), BigInteger.valueOf(1000).multiply(LocalDeployment.WAD))
        .send();
    String noPosition = UUID.randomUUID().toString();
    for (String loanId : List.of(thin1, thin2, healthy, noPosition)) {
      depositedOnRecord(loanId);
    }

    // The market falls 25 %: HF 0.83 for the two at 1,800 USD, 1.5 for the one at 1,000 USD.
    contracts.feed().setAnswer(price(1500)).send();
    long round = activities.feedRound("local");
    PriceWatches.wake(client, "local", round);
    var watcher = client.newWorkflowStub(dev.tranche.chain.PriceWatchWorkflow.class,
        WorkflowIds.priceWatch("local"));
    dev.tranche.chain.PositionSweep sweep = null;
    for (int i = 0; i < 200 && (sweep == null || sweep.round() != round); i++) {
      Thread.sleep(50);
      sweep = watcher.lastSweep();
    }
    assertThat(sweep).isNotNull();
    assertThat(sweep.round()).isEqualTo(round);
    // Other tests' records may share the chain; ours are among the positions read, in one batched call.
    assertThat(sweep.positions()).isGreaterThanOrEqualTo(4);
    assertThat(sweep.calls()).isEqualTo((sweep.positions() + 499) / 500);
    assertThat(sweep.priceWad()).isEqualTo(BigInteger.valueOf(1500).multiply(LocalDeployment.WAD).toString());
    assertThat(sweep.belowOne()).isEqualTo(2);
    assertThat(sweep.started()).isEqualTo(2);
    for (String loanId : List.of(thin1, thin2)) {
      assertThat(client.newUntypedWorkflowStub(WorkflowIds.liquidation(loanId)).getResult(LiquidationOutcome.class)
          .outcome()).isEqualTo("LIQUIDATED");
      assertThat(liquidatedEvents(loanId)).isEqualTo(1);
    }
    assertThat(liquidatedEvents(healthy)).isZero();
    assertThat(activities.readPosition(new dev.tranche.chain.VaultLoan("local", healthy)).status())
        .isEqualTo(dev.tranche.chain.VaultStatus.LOCKED);

    // The next round finds them liquidated: nothing more is started.
    contracts.feed().setAnswer(price(1490)).send();
    dev.tranche.chain.PositionSweep again = activities.sweepPositions(new dev.tranche.chain.PriceRound("local",
        activities.feedRound("local")));
    assertThat(again.belowOne()).isZero();
    assertThat(again.positions()).isEqualTo(sweep.positions() - 2);

    // A stale price is not used: nothing is evaluated or started, and it is alerted.
    chain.advanceTime(7200);
    dev.tranche.chain.PositionSweep stale = activities.sweepPositions(new dev.tranche.chain.PriceRound("local", 0));
    assertThat(stale.problem()).isEqualTo("STALE_PRICE");
    assertThat(stale.started()).isZero();
    assertThat(jdbc.sql("""
            select count(*) from audit_log where actor = 'system:price-watch' and action = 'COLLATERAL_ALERT'
               and subject_id = 'local'""").query(Long.class).single()).isPositive();
  }

  @Test
  void a_reverted_liquidation_does_not_block_a_later_one_for_the_same_loan() throws Exception {
    String loanId = lockedLoan();
    // An earlier attempt, sent while the position was healthy, reverted on-chain.
    var earlier = activities.submitLiquidation(new VaultCall("local", loanId, "liquidation:" + loanId));
    assertThat(receipt(activities, "local", earlier.txHash()).success()).isFalse();

    contracts.feed().setAnswer(price(1500)).send();
    LiquidationOutcome outcome = stub(WorkflowIds.liquidation(loanId))
        .liquidate(new LiquidationRequest(loanId, "local", "price fell"));
    assertThat(outcome.outcome()).isEqualTo("LIQUIDATED");
    assertThat(outcome.event().txHash()).isNotEqualTo(earlier.txHash());
    assertThat(liquidatedEvents(loanId)).isEqualTo(1);
    assertThat(jdbc.sql("select status from chain_transactions where loan_id = ?::uuid order by created_at")
        .param(loanId).query(String.class).list()).containsExactly("REVERTED", "CONFIRMED");
  }

  @Test
  void proceeds_of_an_8_decimal_collateral_are_booked_at_its_own_scale() throws Exception {
    // WBTC-like collateral (8 decimals) at 60,000 USD: 1 token backs 50,000 USD of debt.
    LocalDeployment wbtc = LocalDeployment.deploy(chain, operator, 60_000, 8);
    ChainActivitiesImpl onWbtc = new ChainActivitiesImpl(new ChainProperties(Map.of("wbtc",
        new ChainProperties.ChainConfig(node.rpcUrl(), 31337, wbtc.vault().getContractAddress(),
            Chain.privateKeyHex(operator), 1))), jdbc, ledger, audit, tx, () -> client);
    String loanId = UUID.randomUUID().toString();
    byte[] key = LocalDeployment.loanKey(loanId);
    Credentials borrower = chain.fundedAccount();
    BigInteger oneToken = BigInteger.TEN.pow(8);
    wbtc.fundBorrower(chain, borrower, oneToken);
    wbtc.vault().expectDeposit(key, borrower.getAddress()).send();
    wbtc.deposit(chain, borrower, loanId, oneToken);
    wbtc.vault().lock(key, BigInteger.valueOf(50_000).multiply(LocalDeployment.WAD)).send();
    wbtc.setPrice(45_000);

    var sent = onWbtc.submitLiquidation(new VaultCall("wbtc", loanId, "liquidate:" + loanId));
    assertThat(receipt(onWbtc, "wbtc", sent.txHash()).success()).isTrue();
    assertThat(chain.web3j().ethGetTransactionByHash(sent.txHash()).send().getTransaction().orElseThrow().getType())
        .as("an EIP-1559 (type 2) transaction").isEqualTo("0x2");
    var event = onWbtc.liquidationEvent(new VaultLoan("wbtc", loanId));
    assertThat(event.seizedWei()).isEqualTo(oneToken.toString());
    // 1 token (1e8 units) × 45,000 USD: booked as 45,000.00, not 10^10 times less.
    assertThat(onWbtc.bookLiquidation(event)).isEqualTo("45000.00");
  }

  /**
   * The receipt as the workflow gets it: the activity answers "not yet" (a retryable failure) until the
   * transaction is mined with its confirmations, and Temporal asks again; here the test asks again.
   */
  private static dev.tranche.chain.TxOutcome receipt(ChainActivitiesImpl chain, String name, String txHash)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return chain.awaitReceipt(new dev.tranche.chain.SentTx(name, txHash));
      } catch (io.temporal.failure.ApplicationFailure notYet) {
        if (notYet.isNonRetryable() || System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(200);
      }
    }
  }
}
