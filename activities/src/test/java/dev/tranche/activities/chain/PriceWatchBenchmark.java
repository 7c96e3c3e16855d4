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

/**
 * Price update → liquidation mined, on anvil with 1-second blocks, at 10 and at 10,000 watched positions (never part
 * of the suite; no timing assertions). Each cell opens its positions on a fresh vault (see {@link #open}), records
 * them as the platform does, starts the real feed listener, price watcher and liquidation workflows, then drops the price so that 10
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
      List<String> loans = open(chain, node.rpcUrl(), contracts, positions);
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
   * {@code positions} locked positions of 1 WETH each. The first {@value #UNSAFE} are opened by the vault's own
   * transactions (expectDeposit, deposit, lock) against 1,950 USD (HF 1.026 at 2,000 USD, 0.974 at 1,900): they
   * are the ones liquidated. The others, against 1,000 USD, are written into the vault's storage with
   * {@code anvil_setStorageAt} (the mapping's slot found from the first position), because opening thousands by
   * transaction stalls anvil's pool; the watcher reads them through the same {@code healthFactors} call.
   */
  private static List<String> open(Chain chain, String rpcUrl, LocalDeployment contracts, int positions)
      throws Exception {
    BigInteger wad = LocalDeployment.WAD;
    List<String> loans = new ArrayList<>();
    Credentials borrower = null;
    for (int i = 0; i < Math.min(UNSAFE, positions); i++) {
      String loan = UUID.randomUUID().toString();
      borrower = contracts.borrowerWithDeposit(chain, LocalDeployment.loanKey(loan), 1);
      contracts.vault().lock(LocalDeployment.loanKey(loan), BigInteger.valueOf(1950).multiply(wad)).send();
      loans.add(loan);
    }
    if (positions <= UNSAFE) {
      return loans;
    }
    String vault = contracts.vault().getContractAddress();
    BigInteger mappingSlot = positionsSlot(chain, vault, LocalDeployment.loanKey(loans.getLast()),
        borrower.getAddress());
    HttpService rpc = new HttpService(rpcUrl);
    String[] values = {word(org.web3j.utils.Numeric.toBigInt(borrower.getAddress())), word(wad),
        word(BigInteger.valueOf(1000).multiply(wad)), word(BigInteger.TWO)};
    org.web3j.protocol.core.BatchRequest batch = chain.web3j().newBatch();
    int inBatch = 0;
    for (int i = UNSAFE; i < positions; i++) {
      String loan = UUID.randomUUID().toString();
      loans.add(loan);
      BigInteger base = slotOf(LocalDeployment.loanKey(loan), mappingSlot);
      for (int field = 0; field < 4; field++) {
        batch.add(new Request<>("anvil_setStorageAt", List.of(vault, word(base.add(BigInteger.valueOf(field))),
            values[field]), rpc, VoidResponse.class));
        inBatch++;
      }
      if (inBatch >= 2000) {
        batch.send();
        batch = chain.web3j().newBatch();
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      batch.send();
    }
    // Spot-check: the vault reads a written position as locked, with its debt.
    var written = contracts.vault().position(LocalDeployment.loanKey(loans.getLast())).send();
    assertThat(written.status).isEqualTo(BigInteger.TWO);
    assertThat(written.debtUsd).isEqualTo(BigInteger.valueOf(1000).multiply(wad));
    return loans;
  }

  private static String word(BigInteger value) {
    return org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }

  /** The storage slot of {@code mapping[key]} for a mapping declared at {@code slot}. */
  private static BigInteger slotOf(byte[] key, BigInteger slot) {
    byte[] both = new byte[64];
    System.arraycopy(key, 0, both, 0, 32);
    System.arraycopy(org.web3j.utils.Numeric.toBytesPadded(slot, 32), 0, both, 32, 32);
    return new BigInteger(1, org.web3j.crypto.Hash.sha3(both));
  }

  /** The declaration slot of the vault's positions mapping: where a known position's borrower is stored. */
  private static BigInteger positionsSlot(Chain chain, String vault, byte[] key, String borrower) throws Exception {
    for (int p = 0; p < 16; p++) {
      BigInteger slot = BigInteger.valueOf(p);
      String value = chain.web3j().ethGetStorageAt(vault, slotOf(key, slot), DefaultBlockParameterName.LATEST).send()
          .getData();
      if (org.web3j.utils.Numeric.toBigInt(value).equals(org.web3j.utils.Numeric.toBigInt(borrower))) {
        return slot;
      }
    }
    throw new IllegalStateException("the vault's positions mapping was not found in its first 16 slots");
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
