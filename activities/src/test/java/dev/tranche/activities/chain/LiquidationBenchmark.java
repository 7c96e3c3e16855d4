package dev.tranche.activities.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.testsupport.ActivitiesIntegrationTest;
import dev.tranche.chain.LiquidationOutcome;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.LiquidationWorkflow;
import dev.tranche.chain.LiquidationWorkflowImpl;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;

/**
 * Measures liquidation on anvil with 1-second blocks (never part of the suite; no timing
 * assertions): price drop → liquidation mined, and 50 concurrent liquidations from one signer.
 * {@code ./mvnw -pl activities test -Dgroups=benchmark -DexcludedGroups= -Dtest=LiquidationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; figures in {@code activities/target/benchmarks/liquidation.txt}.
 */
@Tag("benchmark")
class LiquidationBenchmark extends ActivitiesIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired Ledger ledger;
  @Autowired AuditLog audit;
  @Autowired TransactionTemplate tx;

  @Test
  void price_drop_to_mined_and_fifty_concurrent_liquidations_from_one_signer() throws Exception {
    try (AnvilNode node = AnvilNode.start(31337, 1); Chain chain = new Chain(node.rpcUrl());
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Credentials operator = chain.fundedAccount();
      LocalDeployment contracts = LocalDeployment.deploy(chain, operator, 2000);
      String key = Chain.privateKeyHex(operator);
      ChainActivitiesImpl activities = new ChainActivitiesImpl(new ChainProperties(Map.of("local",
          new ChainProperties.ChainConfig(node.rpcUrl(), 31337, contracts.vault().getContractAddress(), key, 1))),
          jdbc, ledger, audit, tx, env::getWorkflowClient);
      Worker worker = env.newWorker(TaskQueues.CHAIN);
      worker.registerWorkflowImplementationTypes(LiquidationWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      WorkflowClient client = env.getWorkflowClient();

      List<String> loans = new ArrayList<>();
      for (int i = 0; i < 51; i++) {
        String loanId = UUID.randomUUID().toString();
        byte[] loanKey = LocalDeployment.loanKey(loanId);
        contracts.borrowerWithDeposit(chain, loanKey, 1);
        contracts.vault().lock(loanKey, BigInteger.valueOf(1800).multiply(LocalDeployment.WAD)).send();
        loans.add(loanId);
      }

      long dropStart = System.nanoTime();
      contracts.feed().setAnswer(BigInteger.valueOf(1500).multiply(BigInteger.TEN.pow(8))).send();
      long priceMinedMs = (System.nanoTime() - dropStart) / 1_000_000;
      long liquidationStart = System.nanoTime();
      LiquidationOutcome first = stub(client, loans.getFirst())
          .liquidate(new LiquidationRequest(loans.getFirst(), "local", "benchmark"));
      long oneMs = (System.nanoTime() - liquidationStart) / 1_000_000;
      assertThat(first.outcome()).isEqualTo("LIQUIDATED");

      long concurrentStart = System.nanoTime();
      List<LiquidationWorkflow> started = new ArrayList<>();
      for (String loanId : loans.subList(1, loans.size())) {
        LiquidationWorkflow workflow = stub(client, loanId);
        WorkflowClient.start(workflow::liquidate, new LiquidationRequest(loanId, "local", "benchmark"));
        started.add(workflow);
      }
      int liquidated = 0;
      for (LiquidationWorkflow workflow : started) {
        if ("LIQUIDATED".equals(WorkflowStub.fromTyped(workflow).getResult(LiquidationOutcome.class).outcome())) {
          liquidated++;
        }
      }
      long concurrentMs = (System.nanoTime() - concurrentStart) / 1_000_000;
      long reverted = jdbc.sql("select count(*) from chain_transactions where status = 'REVERTED'")
          .query(Long.class).single();
      String report = String.format("anvil, 1-second blocks: price update mined in %d ms; one liquidation "
          + "(read, submit, 1 confirmation, event, booking) %d ms after it; 50 concurrent liquidations from one "
          + "signer: %d liquidated in %d ms, %d reverted transactions%n", priceMinedMs, oneMs, liquidated,
          concurrentMs, reverted);
      Path out = Path.of("target/benchmarks/liquidation.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println(report);
      assertThat(liquidated).isEqualTo(50);
    }
  }

  private static LiquidationWorkflow stub(WorkflowClient client, String loanId) {
    return client.newWorkflowStub(LiquidationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.liquidation(loanId)).setTaskQueue(TaskQueues.CHAIN).build());
  }
}
