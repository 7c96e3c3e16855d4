package dev.tranche.activities.servicing;

import dev.tranche.activities.chain.ChainActivitiesImpl;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.chain.LiquidationOutcome;
import dev.tranche.chain.LiquidationWorkflow;
import dev.tranche.chain.LiquidationWorkflowImpl;
import dev.tranche.collections.CollectionOutcome;
import dev.tranche.collections.CollectionWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.AnvilNode;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.money.LocalDates;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.servicing.LoanStatement;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collateralised loan that stops paying: on day 30 of its collection case the position is seized
 * on anvil (as defaulted, though healthy), and the proceeds pay the loan off through servicing.
 */
class CollateralDefaultScenarioTest extends ServicingScenario {

  private static AnvilNode node;
  private static Chain chain;
  private static LocalDeployment contracts;

  @Autowired Ledger ledger;
  @Autowired TransactionTemplate tx;

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

  @Override
  void moreWorkers(TestWorkflowEnvironment environment) {
    String key = Chain.privateKeyHex(contracts.operator());
    Worker worker = environment.newWorker(TaskQueues.CHAIN);
    worker.registerWorkflowImplementationTypes(LiquidationWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ChainActivitiesImpl(new ChainProperties(Map.of("local",
        new ChainProperties.ChainConfig(node.rpcUrl(), 31337, contracts.vault().getContractAddress(), key, 1))),
        jdbc, ledger, audit, tx, () -> client));
  }

  /** Books a loan whose {@code ether} WETH at 2,000 USD are deposited and locked against its principal. */
  private Booked collateralised(String principal, long ether, java.util.concurrent.atomic.AtomicReference<String> wallet) {
    return book(principal, "12.99", 12, (loanId, applicationId) -> {
      byte[] key = LocalDeployment.loanKey(loanId);
      wallet.set(contracts.borrowerWithDeposit(chain, key, ether).getAddress());
      try {
        contracts.vault().lock(key, new BigDecimal(principal).movePointRight(18).toBigIntegerExact()).send();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      jdbc.sql("""
              insert into collateral_requirements (loan_id, application_id, chain, vault_address, token_address,
                wallet_address, required_wei, debt_usd, price_wad, deadline, deposited_wei, status)
              values (?::uuid, ?::uuid, 'local', ?, ?, ?, 3330000000000000000, ?, 2000000000000000000000, now(),
                ?, 'DEPOSITED')""")
          .params(loanId, applicationId, contracts.vault().getContractAddress(),
              contracts.collateral().getContractAddress(), wallet.get(), new BigDecimal(principal),
              new BigDecimal(BigInteger.valueOf(ether).multiply(LocalDeployment.WAD)))
          .update();
    });
  }

  @Test
  void a_release_the_paused_vault_refuses_is_alerted_and_sent_again_until_the_borrower_has_the_collateral()
      throws Exception {
    var wallet = new java.util.concurrent.atomic.AtomicReference<String>();
    Booked b = collateralised("3000.00", 2, wallet);
    contracts.vault().pause().send();
    try {
      LocalDate today = LocalDates.utcDate(env.currentTimeMillis());
      dev.tranche.servicing.PayoffQuote quote = null;
      for (int tries = 0; quote == null && tries < 100; tries++) {
        try {
          quote = b.workflow().payoffQuote(today);
        } catch (io.temporal.client.WorkflowUpdateException notServicedYet) {
          env.sleep(Duration.ofMillis(100));
        }
      }
      b.workflow().paymentReceived(new dev.tranche.servicing.PaymentReceived("payoff-" + b.loanId(), quote.amount(),
          env.currentTimeMillis()));
      long deadline = System.currentTimeMillis() + 20_000;
      while (alerts(b.loanId()) == 0 && System.currentTimeMillis() < deadline) {
        env.sleep(Duration.ofMinutes(1));
      }
      assertThat(alerts(b.loanId())).as("ops are told the release was refused").isPositive();
      assertThat(jdbc.sql("select status from collateral_requirements where loan_id = ?::uuid").param(b.loanId())
          .query(String.class).single()).as("not marked released before it is").isEqualTo("DEPOSITED");
    } finally {
      contracts.vault().unpause().send();
    }
    WorkflowStub.fromTyped(b.workflow()).getResult(Void.class);
    assertThat(contracts.vault().position(LocalDeployment.loanKey(b.loanId())).send().status)
        .as("Released").isEqualTo(BigInteger.valueOf(3));
    assertThat(contracts.collateral().balanceOf(wallet.get()).send())
        .isEqualTo(BigInteger.TWO.multiply(LocalDeployment.WAD));
    assertThat(jdbc.sql("select status from collateral_requirements where loan_id = ?::uuid").param(b.loanId())
        .query(String.class).single()).isEqualTo("RELEASED");
  }

  private long alerts(String loanId) {
    return jdbc.sql("select count(*) from audit_log where action = 'COLLATERAL_ALERT' and subject_id = ?")
        .param(loanId).query(Long.class).single();
  }

  @Test
  void thirty_days_past_due_the_collateral_is_seized_and_the_proceeds_pay_the_loan_off() throws Exception {
    Booked b = book("6000.00", "12.99", 12, (loanId, applicationId) -> {
      // 4 WETH at 2,000 USD (HF 1.33) deposited and locked against the 6,000.00 principal.
      byte[] key = LocalDeployment.loanKey(loanId);
      contracts.borrowerWithDeposit(chain, key, 4);
      try {
        contracts.vault().lock(key, BigInteger.valueOf(6000).multiply(LocalDeployment.WAD)).send();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      jdbc.sql("""
              insert into collateral_requirements (loan_id, application_id, chain, vault_address, token_address,
                wallet_address, required_wei, debt_usd, price_wad, deadline, deposited_wei, status)
              values (?::uuid, ?::uuid, 'local', ?, ?, ?, 3330000000000000000, 6000.00, 2000000000000000000000, now(),
                4000000000000000000, 'DEPOSITED')""")
          .params(loanId, applicationId, contracts.vault().getContractAddress(),
              contracts.collateral().getContractAddress(), "0x" + UUID.randomUUID().toString().replace("-", "")
                  .substring(0, 32) + "00000000")
          .update();
    });
    scriptRail(b.loanId(), "RETURN:R01", "RETURN:R01", "RETURN:R01");
    LocalDate due = b.schedule().getFirst().dueDate();
    env.sleep(Duration.ofMillis(LocalDates.startOfDayMillis(due.plusDays(32)) - env.currentTimeMillis()));

    CollectionOutcome collection = WorkflowStub.fromTyped(client.newWorkflowStub(CollectionWorkflow.class,
        WorkflowIds.collection(b.loanId(), 1))).getResult(CollectionOutcome.class);
    assertThat(collection.outcome()).isEqualTo("LIQUIDATION_REQUESTED");
    assertThat(collection.stages()).contains("collection-liquidation-warning", "LIQUIDATION_REQUESTED");
    LiquidationOutcome liquidation = WorkflowStub.fromTyped(client.newWorkflowStub(LiquidationWorkflow.class,
        WorkflowIds.liquidation(b.loanId()))).getResult(LiquidationOutcome.class);
    assertThat(liquidation.outcome()).isEqualTo("LIQUIDATED");
    // The vault's debt followed the loan: the principal plus the interest and the late fee now due.
    BigDecimal debt = new BigDecimal(liquidation.event().debtUsdWei()).movePointLeft(18);
    assertThat(debt).isGreaterThan(new BigDecimal("6000.00"));
    assertThat(jdbc.sql("select count(*) from chain_transactions where idempotency_key like ? and status = 'CONFIRMED'")
        .param("debt:" + b.loanId() + ":%").query(Long.class).single()).isPositive();
    // Debt × 1.10 at 2,000 USD/WETH is seized (rounded up to the wei); the rest goes back to the borrower.
    BigInteger seized = new BigInteger(liquidation.event().seizedWei());
    assertThat(seized).isEqualTo(debt.multiply(new BigDecimal("1.1")).movePointRight(18)
        .divide(new BigDecimal(2000), 0, java.math.RoundingMode.CEILING).toBigIntegerExact());
    assertThat(seized.add(new BigInteger(liquidation.event().returnedWei())))
        .isEqualTo(BigInteger.valueOf(4).multiply(LocalDeployment.WAD));

    env.sleep(Duration.ofHours(1));
    LoanStatement statement = b.workflow().statement();
    assertThat(statement.status()).isEqualTo(dev.tranche.servicing.LoanStatus.PAID);
    assertThat(net(b.loanId(), LoanAccounts.principal(b.loanId()))).isEqualByComparingTo("0.00");
    assertThat(jdbc.sql("select count(*) from ledger_transfers where idempotency_key = ?")
        .param("payment:liquidation:" + b.loanId()).query(Long.class).single()).isEqualTo(1);
    // What the proceeds paid beyond the payoff (about the 10 % penalty) is held for the borrower as a credit.
    BigDecimal surplus = net(b.loanId(), LoanAccounts.credit(b.loanId())).negate();
    assertThat(surplus).isPositive().isLessThan(debt.multiply(new BigDecimal("0.11")));
    assertThat(statement.credit().amount()).isEqualByComparingTo(surplus);
    // The paid loan's collateral is gone already: nothing to release.
    assertThat(contracts.vault().position(LocalDeployment.loanKey(b.loanId())).send().status)
        .isEqualTo(BigInteger.valueOf(4));
    recordHistory(WorkflowIds.loan(b.loanId()), "servicing-collateral-liquidated");
  }
}
