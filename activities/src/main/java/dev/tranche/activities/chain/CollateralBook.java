package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.activities.support.BusinessClock;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.CollateralMonitorWorkflow;
import dev.tranche.chain.CollateralRequest;
import dev.tranche.chain.CollateralRequirement;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.MonitorRequest;
import dev.tranche.chain.WalletPayout;
import dev.tranche.common.FailureType;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.WalletUtils;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * The collateral book in PostgreSQL and the ledger: what each loan is asked to deposit (111 % of the
 * debt at the feed's price), what arrived, its release, the liquidation's proceeds and the wallet
 * payouts posted to the ledger, alerts for ops, and the monitor and liquidation workflows started by
 * business id.
 */
final class CollateralBook {

  /** Collateral ratio 111 %: the deposit is worth 1.11 × the debt at the price when asked. */
  private static final BigDecimal COLLATERAL_RATIO = new BigDecimal("1.11");
  private final ChainNodes nodes;
  private final VaultReader reader;
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Supplier<WorkflowClient> temporal;

  CollateralBook(ChainNodes nodes, VaultReader reader, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, Supplier<WorkflowClient> temporal) {
    this.nodes = nodes;
    this.reader = reader;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.audit = audit;
    this.tx = tx;
    this.temporal = temporal;
  }

  // --- the collateralised product ---

  CollateralRequirement requireCollateral(CollateralRequest request) {
    Optional<CollateralRequirement> existing = requirement(request.loanId());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (!WalletUtils.isValidAddress(request.walletAddress())) {
      throw ApplicationFailure.newNonRetryableFailure("not an address: " + request.walletAddress(),
          FailureType.INVALID_ADDRESS.name());
    }
    Chain chain = nodes.chain(request.chain());
    CollateralVault vault = nodes.vault(request.chain(), chain);
    try {
      String token = vault.collateralToken().send();
      BigInteger price = reader.priceWad(chain, vault.priceFeed().send(),
          VaultReader.heartbeat(nodes.config(request.chain()), vault));
      if (price == null) {
        throw new IllegalStateException("the collateral price on " + request.chain() + " is stale; asking again");
      }
      int decimals = MockERC20.load(token, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), token),
          chain.gas()).decimals().send().intValue();
      // Rounded up: the deposit is never worth less than 111 % of the debt at this price.
      BigInteger required = request.debt().amount().multiply(COLLATERAL_RATIO).movePointRight(18 + decimals)
          .divide(new BigDecimal(price), 0, RoundingMode.CEILING).toBigIntegerExact();
      // From the workflows' time, as the window the application waits out is.
      Instant deadline = BusinessClock.ofActivity().plusSeconds(request.windowSeconds());
      jdbc.sql("""
              insert into collateral_requirements (loan_id, application_id, chain, vault_address, token_address,
                wallet_address, required_wei, debt_usd, price_wad, deadline)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
          .params(UUID.fromString(request.loanId()), UUID.fromString(request.applicationId()), request.chain(),
              vault.getContractAddress(), token, request.walletAddress(), new BigDecimal(required),
              request.debt().amount(), new BigDecimal(price), Timestamp.from(deadline))
          .update();
      return requirement(request.loanId()).orElseThrow();
    } catch (ApplicationFailure f) {
      throw f;
    } catch (Exception e) {
      throw new IllegalStateException("could not price the collateral of " + request.loanId() + ": " + e, e);
    }
  }

  private Optional<CollateralRequirement> requirement(String loanId) {
    return jdbc.sql("""
            select loan_id, chain, vault_address, token_address, required_wei, price_wad, deadline
            from collateral_requirements where loan_id = ?""")
        .param(UUID.fromString(loanId))
        .query((rs, n) -> new CollateralRequirement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBigDecimal(5).toPlainString(), rs.getBigDecimal(6).toPlainString(),
            rs.getTimestamp(7).toInstant().toEpochMilli()))
        .optional();
  }

  void recordDeposit(CollateralDeposit deposit, String status) {
    jdbc.sql("update collateral_requirements set deposited_wei = ?, deposit_tx = ?, status = ? where loan_id = ?")
        .params(new BigDecimal(deposit.amountWei()), deposit.txHash(), status, UUID.fromString(deposit.loanId()))
        .update();
    audit.record("system:chain", "COLLATERAL_" + status, "loan", deposit.loanId(), Map.of("txHash", deposit.txHash(),
        "amountWei", deposit.amountWei()));
  }

  void markReleased(String loanId) {
    // Only after the release was mined: a reverted one (e.g. the vault paused) leaves it DEPOSITED, so
    // collateralChain still finds it and the release is tried again.
    if (jdbc.sql("update collateral_requirements set status = 'RELEASED' where loan_id = ? and status = 'DEPOSITED'")
        .param(UUID.fromString(loanId)).update() > 0) {
      audit.record("system:collateral", "COLLATERAL_RELEASED", "loan", loanId, Map.of());
    }
  }

  void recordAlert(String loanId, String message) {
    audit.record("system:collateral-monitor", "COLLATERAL_ALERT", "loan", loanId, Map.of("message", message));
  }

  String bookLiquidation(LiquidationEvent e) {
    // The record and its posting commit together, or neither does.
    return tx.execute(status -> book(e));
  }

  private String book(LiquidationEvent e) {
    // Seized is in the collateral token's own units (its decimals(), 8 for WBTC, 18 for WETH); the price
    // is USD in 1e18: proceeds = seized × price / 10^(decimals + 18), rounded down to the cent.
    BigDecimal proceeds = new BigDecimal(new BigInteger(e.seizedWei()).multiply(new BigInteger(e.priceWad())))
        .movePointLeft(reader.collateralDecimals(e.chain()) + 18).setScale(2, RoundingMode.DOWN);
    int inserted = jdbc.sql("""
            insert into liquidations (loan_id, chain, tx_hash, seized_wei, returned_wei, debt_usd_wei, price_wad,
              proceeds_usd) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
        .params(UUID.fromString(e.loanId()), e.chain() == null ? "unknown" : e.chain(), e.txHash(),
            new BigDecimal(e.seizedWei()), new BigDecimal(e.returnedWei()), new BigDecimal(e.debtUsdWei()),
            new BigDecimal(e.priceWad()), proceeds)
        .update();
    if (inserted == 1 && proceeds.signum() > 0) {
      Money amount = Money.of(proceeds.toPlainString(), "USD");
      // The seized collateral's value waits as proceeds until servicing applies it to the loan.
      ledger.post(new Transfer("liquidation:" + e.loanId(), "LIQUIDATION", null,
          "collateral liquidated for loan " + e.loanId(), List.of(
              Leg.debit("collateral:liquidation-proceeds", AccountType.ASSET, amount),
              Leg.credit(LoanAccounts.LIQUIDATION_PROCEEDS, AccountType.LIABILITY, amount))));
      audit.record("system:chain", "COLLATERAL_LIQUIDATED", "loan", e.loanId(), Map.of("txHash", e.txHash(),
          "proceedsUsd", proceeds.toPlainString()));
    }
    jdbc.sql("update collateral_requirements set status = 'LIQUIDATED' where loan_id = ?")
        .param(UUID.fromString(e.loanId())).update();
    return jdbc.sql("select proceeds_usd from liquidations where loan_id = ?").param(UUID.fromString(e.loanId()))
        .query(BigDecimal.class).single().toPlainString();
  }

  void bookPayout(WalletPayout payout, String txHash) {
    tx.executeWithoutResult(status -> book(payout, txHash));
  }

  private void book(WalletPayout payout, String txHash) {
    ledger.post(new Transfer("payout:" + payout.loanId(), "WALLET_DISBURSEMENT", payout.loanId(),
        "stablecoin disbursement of loan " + payout.loanId() + " in " + txHash, List.of(
            Leg.debit("cash:lender-settlement", AccountType.ASSET, payout.amount()),
            Leg.credit("stablecoin:" + payout.chain() + ":treasury", AccountType.ASSET, payout.amount()))));
    audit.record("system:chain", "WALLET_DISBURSED", "loan", payout.loanId(), Map.of("txHash", txHash,
        "amount", payout.amount().amount().toPlainString()));
  }

  void startLiquidation(LiquidationRequest request) {
    nodes.config(request.chain());
    Liquidations.start(temporal.get(), request);
  }

  String collateralChain(String loanId) {
    return jdbc.sql("select chain from collateral_requirements where loan_id = ? and status = 'DEPOSITED'")
        .param(UUID.fromString(loanId)).query(String.class).optional().orElse(null);
  }

  void startMonitor(String loanId, String applicationId, String chain) {
    nodes.config(chain);
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.collateralMonitor(loanId))
        .setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
    try {
      WorkflowClient.start(temporal.get().newWorkflowStub(CollateralMonitorWorkflow.class, options)::watch,
          new MonitorRequest(loanId, applicationId, chain, nodes.properties().collateral().monitorInterval()));
    } catch (WorkflowExecutionAlreadyStarted started) {
      // Started by an earlier attempt: the loan id is the business key.
    }
  }
}
