package dev.tranche.activities.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.chain.LiquidationWorkflowImpl;
import dev.tranche.chain.PositionSweep;
import dev.tranche.chain.PriceWatchWorkflow;
import dev.tranche.chain.PriceWatchWorkflowImpl;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.MockERC20;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.response.NoOpProcessor;

/**
 * Price update → liquidation mined, on anvil with 1-second blocks, at 10 and at 10,000 watched positions (never part
 * of the suite; no timing assertions). Each cell opens its positions through the vault's own transactions
 * (expectDeposit, deposit, lock, sent back to back while anvil mines each at once), records them as the platform
 * does, starts the real feed listener, price watcher and liquidation workflows, then drops the price so that 10
 * positions fall below 1.0 and counts the blocks until each liquidation is mined.
 * {@code ./mvnw -pl activities test -Dgroups=benchmark -DexcludedGroups= -Dtest=PriceWatchBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; figures in {@code activities/target/benchmarks/price-watch.json}.
 */
@Tag("benchmark")
class PriceWatchBenchmark extends ActivitiesIntegrationTest {

  private static final int UNSAFE = 10;

  @Autowired JdbcClient jdbc;
  @Autowired Ledger ledger;
  @Autowired AuditLog audit;
  @Autowired TransactionTemplate tx;

  @Test
  void price_update_to_liquidation_mined_at_10_and_10000_watched_positions() throws Exception {
    List<Map<String, Object>> cells = new ArrayList<>();
    for (int positions : new int[] {10, Integer.getInteger("tranche.bench.positions", 10_000)}) {
      cells.add(cell(positions));
    }
    Path out = Path.of("target/benchmarks/price-watch.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, dev.tranche.activities.support.Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsString(Map.of("anvilBlockSeconds", 1, "unsafePositions", UNSAFE, "cells", cells)));
    System.out.println("price watch benchmark: " + cells);
  }

  private Map<String, Object> cell(int positions) throws Exception {
    String name = "bench" + positions;
    try (AnvilNode node = AnvilNode.start(31337, 0); Chain chain = new Chain(node.rpcUrl());
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Credentials operator = chain.fundedAccount();
      LocalDeployment contracts = LocalDeployment.deploy(chain, operator, 2000);
      long setupStart = System.nanoTime();
      List<String> loans = open(chain, contracts, operator, positions);
      long setupMs = (System.nanoTime() - setupStart) / 1_000_000;
      record(contracts, name, loans);

      ChainProperties properties = new ChainProperties(Map.of(name, new ChainProperties.ChainConfig(node.rpcUrl(),
          31337, contracts.vault().getContractAddress(), Chain.privateKeyHex(operator), 1)),
          new ChainProperties.Collateral(0, 250));
      ChainActivitiesImpl activities = new ChainActivitiesImpl(properties, jdbc, ledger, audit, tx,
          env::getWorkflowClient);
      Worker worker = env.newWorker(TaskQueues.CHAIN);
      worker.registerWorkflowImplementationTypes(LiquidationWorkflowImpl.class, PriceWatchWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      PriceFeedListener listener = new PriceFeedListener(properties, activities, () -> client);
      listener.listen();
      PriceWatchWorkflow watcher = client.newWorkflowStub(PriceWatchWorkflow.class, WorkflowIds.priceWatch(name));
      // The first round's sweep (the listener's first poll) finds every position healthy.
      PositionSweep first = awaitSweep(watcher, s -> s.positions() == positions);

      // From here blocks come every second, as on a chain.
      chain.automine(false);
      new Request<>("evm_setIntervalMining", List.of(1), new HttpService(node.rpcUrl()), VoidResponse.class).send();
      long dropStart = System.nanoTime();
      var update = contracts.feed().setAnswer(BigInteger.valueOf(1900).multiply(BigInteger.TEN.pow(8))).send();
      long priceBlock = update.getBlockNumber().longValueExact();
      long priceMinedMs = (System.nanoTime() - dropStart) / 1_000_000;
      long minedFrom = System.nanoTime();
      List<Long> blocks = awaitLiquidations(chain, contracts, priceBlock, 120_000);
      long allMinedMs = (System.nanoTime() - minedFrom) / 1_000_000;
      PositionSweep sweep = watcher.lastSweep();
      listener.stop();

      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("watchedPositions", positions);
      cell.put("setupMillis", setupMs);
      cell.put("firstSweepMillis", first.millis());
      cell.put("priceUpdateBlock", priceBlock);
      cell.put("priceUpdateMinedMillis", priceMinedMs);
      cell.put("liquidationBlocksAfterPriceUpdate", blocks.stream().map(b -> b - priceBlock).toList());
      cell.put("liquidated", blocks.size());
      cell.put("lastLiquidationMinedMillisAfterPriceUpdateMined", allMinedMs);
      cell.put("sweep", Map.of("positions", sweep.positions(), "calls", sweep.calls(), "belowOne", sweep.belowOne(),
          "started", sweep.started(), "millis", sweep.millis()));
      System.out.println(name + ": " + cell);
      assertThat(blocks).hasSize(UNSAFE);
      return cell;
    }
  }

  /**
   * {@code positions} locked positions of 1 WETH each from one borrower wallet: the first {@value #UNSAFE} against
   * 1,950 USD (HF 1.026 at 2,000 USD, 0.974 at 1,900), the rest against 1,000 USD. The transactions are sent back to
   * back (nonces kept locally) and the last of each kind awaited.
   */
  private static List<String> open(Chain chain, LocalDeployment contracts, Credentials operator, int positions)
      throws Exception {
    Credentials borrower = chain.fundedAccount();
    BigInteger wad = LocalDeployment.WAD;
    contracts.collateral().mint(borrower.getAddress(), wad.multiply(BigInteger.valueOf(positions))).send();
    MockERC20.load(contracts.collateral().getContractAddress(), chain.web3j(), chain.signer(borrower), chain.gas())
        .approve(contracts.vault().getContractAddress(), wad.multiply(BigInteger.valueOf(positions))).send();
    var gas = new org.web3j.tx.gas.StaticGasProvider(chain.web3j().ethGasPrice().send().getGasPrice(),
        BigInteger.valueOf(300_000));
    CollateralVault asOperator = CollateralVault.load(contracts.vault().getContractAddress(), chain.web3j(),
        new FastRawTransactionManager(chain.web3j(), operator, chain.chainId(), new NoOpProcessor(chain.web3j())), gas);
    CollateralVault asBorrower = CollateralVault.load(contracts.vault().getContractAddress(), chain.web3j(),
        new FastRawTransactionManager(chain.web3j(), borrower, chain.chainId(), new NoOpProcessor(chain.web3j())), gas);
    List<String> loans = new ArrayList<>();
    for (int i = 0; i < positions; i++) {
      loans.add(UUID.randomUUID().toString());
    }
    String last = null;
    for (String loan : loans) {
      last = asOperator.expectDeposit(LocalDeployment.loanKey(loan), borrower.getAddress()).send().getTransactionHash();
    }
    awaitMined(chain, last);
    for (String loan : loans) {
      last = asBorrower.deposit(LocalDeployment.loanKey(loan), wad).send().getTransactionHash();
    }
    awaitMined(chain, last);
    for (int i = 0; i < loans.size(); i++) {
      last = asOperator.lock(LocalDeployment.loanKey(loans.get(i)),
          BigInteger.valueOf(i < UNSAFE ? 1950 : 1000).multiply(wad)).send().getTransactionHash();
    }
    awaitMined(chain, last);
    return loans;
  }

  private static void awaitMined(Chain chain, String txHash) throws Exception {
    for (int i = 0; i < 600; i++) {
      var receipt = chain.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
      if (receipt.isPresent()) {
        assertThat(receipt.get().isStatusOK()).as("setup transaction " + txHash).isTrue();
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("not mined: " + txHash);
  }

  /** The positions on the platform's record, as a deposit leaves them (one statement for all). */
  private void record(LocalDeployment contracts, String chain, List<String> loans) {
    jdbc.sql("""
            insert into collateral_requirements (loan_id, application_id, chain, vault_address, token_address,
              wallet_address, required_wei, debt_usd, price_wad, deadline, status)
            select loan::uuid, gen_random_uuid(), ?, ?, ?, '0x0', 1, 1000.00, 1, now(), 'DEPOSITED'
              from unnest(?::text[]) as loan""")
        .params(chain, contracts.vault().getContractAddress(), contracts.collateral().getContractAddress(),
            loans.toArray(String[]::new))
        .update();
  }

  private static PositionSweep awaitSweep(PriceWatchWorkflow watcher, java.util.function.Predicate<PositionSweep> done)
      throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      try {
        PositionSweep sweep = watcher.lastSweep();
        if (sweep != null && done.test(sweep)) {
          return sweep;
        }
      } catch (RuntimeException notStartedYet) {
        // the listener's first poll has not started the watcher yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the watcher did not sweep");
  }

  /** The blocks the first {@value #UNSAFE} Liquidated events were mined in, from {@code fromBlock}. */
  private static List<Long> awaitLiquidations(Chain chain, LocalDeployment contracts, long fromBlock, long timeoutMs)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    List<Long> blocks = List.of();
    while (System.currentTimeMillis() < deadline) {
      EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
          DefaultBlockParameterName.LATEST, contracts.vault().getContractAddress());
      filter.addSingleTopic(EventEncoder.encode(CollateralVault.LIQUIDATED_EVENT));
      blocks = chain.web3j().ethGetLogs(filter).send().getLogs().stream()
          .map(l -> ((org.web3j.protocol.core.methods.response.Log) l.get()).getBlockNumber().longValueExact())
          .sorted().toList();
      if (blocks.size() >= UNSAFE) {
        return blocks;
      }
      Thread.sleep(100);
    }
    return blocks;
  }
}
