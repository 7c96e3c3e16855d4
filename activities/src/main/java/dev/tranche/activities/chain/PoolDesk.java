package dev.tranche.activities.chain;

import dev.tranche.chain.PoolCall;
import dev.tranche.chain.PoolLoanWorkflow;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.generated.LiquidityPool;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * What the rest of the platform asks of a chain's liquidity pool, without signing anything: its state read
 * from the contract, whether it can fund an amount now, and the hand-off of a pool-funded loan's movements
 * to its {@code pool-loan-{loanId}} workflow on the chain queue (which alone signs).
 */
@Component
public class PoolDesk {

  /** A pool as the contract reports it (stablecoin amounts at 6 decimals) and as the ledger books it. */
  public record PoolView(String chain, String address, BigDecimal totalAssets, BigDecimal idleLiquidity,
      BigDecimal outstandingPrincipal, BigDecimal utilisation, BigDecimal sharePrice, BigDecimal totalShares,
      long block, Reconciled lastReconciliation) {
  }

  /** The latest reconciliation of the pool. */
  public record Reconciled(String status, long block, BigDecimal ledgerAssets, BigDecimal chainAssets,
      Instant at) {
  }

  /** A liquidity provider's position: shares and what they are worth now. */
  public record Position(String chain, String provider, BigDecimal shares, BigDecimal value) {
  }

  private final ChainNodes nodes;
  private final JdbcClient jdbc;
  private final Supplier<WorkflowClient> temporal;

  @Autowired
  PoolDesk(ChainProperties properties, JdbcClient jdbc, ObjectProvider<WorkflowClient> temporal) {
    this(properties, jdbc, (Supplier<WorkflowClient>) temporal::getObject);
  }

  /** With the Temporal client given (a test environment's). */
  public PoolDesk(ChainProperties properties, JdbcClient jdbc, Supplier<WorkflowClient> temporal) {
    this.nodes = new ChainNodes(properties);
    this.jdbc = jdbc;
    this.temporal = temporal;
  }

  /** Whether {@code chain} is configured and has a pool. */
  public boolean hasPool(String chain) {
    return nodes.configured(chain) && nodes.config(chain).hasPool();
  }

  public PoolView view(String chain) {
    LiquidityPool pool = pool(chain);
    try {
      BigInteger shares = pool.totalSupply().send();
      BigDecimal unit = BigDecimal.TEN.pow(6);
      BigDecimal price = new BigDecimal(pool.convertToAssets(BigInteger.TEN.pow(6)).send(), 6);
      Reconciled last = jdbc.sql("""
              select status, block_number, ledger_assets, chain_assets, checked_at from pool_reconciliations
               where chain = ? order by id desc limit 1""")
          .param(chain).query((rs, n) -> new Reconciled(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3),
              rs.getBigDecimal(4), rs.getTimestamp(5).toInstant())).optional().orElse(null);
      return new PoolView(chain, pool.getContractAddress(), new BigDecimal(pool.totalAssets().send(), 6),
          new BigDecimal(pool.idleLiquidity().send(), 6), new BigDecimal(pool.outstandingPrincipal().send(), 6),
          new BigDecimal(pool.utilisationBps().send()).divide(BigDecimal.valueOf(10_000), 4, RoundingMode.HALF_EVEN),
          price, new BigDecimal(shares).divide(unit), nodes.chain(chain).web3j().ethBlockNumber().send()
              .getBlockNumber().longValueExact(), last);
    } catch (Exception e) {
      throw new IllegalStateException("could not read the pool on " + chain + ": " + e.getMessage(), e);
    }
  }

  /** A provider's shares and their value now. */
  public Position position(String chain, String provider) {
    LiquidityPool pool = pool(chain);
    try {
      BigInteger shares = pool.balanceOf(provider).send();
      return new Position(chain, provider, new BigDecimal(shares, 6),
          new BigDecimal(pool.convertToAssets(shares).send(), 6));
    } catch (Exception e) {
      throw new IllegalStateException("could not read the pool on " + chain + ": " + e.getMessage(), e);
    }
  }

  /** What the pool holds now: total assets, the part idle, the principal lent (stablecoin amounts). */
  public record Funds(BigDecimal totalAssets, BigDecimal idle, BigDecimal lent) {
  }

  /** Three reads of the contract, for pricing: no ledger, no reconciliation. */
  public Funds funds(String chain) {
    LiquidityPool pool = pool(chain);
    try {
      return new Funds(new BigDecimal(pool.totalAssets().send(), 6), new BigDecimal(pool.idleLiquidity().send(), 6),
          new BigDecimal(pool.outstandingPrincipal().send(), 6));
    } catch (Exception e) {
      throw new IllegalStateException("could not read the pool on " + chain + ": " + e.getMessage(), e);
    }
  }

  /** Whether the pool on {@code chain} has {@code amount} idle now (a draw may still find less, and revert). */
  public boolean canFund(String chain, Money amount) {
    if (!hasPool(chain)) {
      return false;
    }
    try {
      return new BigDecimal(pool(chain).idleLiquidity().send(), 6).compareTo(amount.amount()) >= 0;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Hands a movement to the loan's pool workflow, starting it with the first (the draw); a workflow that has
   * already finished takes nothing more (its loan is settled with the pool, or was never funded by it).
   */
  public void send(PoolCall call) {
    WorkflowClient client = temporal.get();
    PoolLoanWorkflow workflow = client.newWorkflowStub(PoolLoanWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.poolLoan(call.loanId())).setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE).build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, call.chain(), call.loanId());
    request.add(workflow::movement, call);
    try {
      client.signalWithStart(request);
    } catch (WorkflowExecutionAlreadyStarted finished) {
      // Closed: the loan is settled with the pool already.
    }
  }

  /** The pool movements booked for a loan or bill: each call with its transaction. */
  public List<Movement> movements(String loanId) {
    return jdbc.sql("""
            select key, kind, principal, interest, receipt, tx_hash, block_number, status from pool_movements
             where loan_id = ?::uuid order by created_at""")
        .param(loanId)
        .query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)))
        .list();
  }

  /** One booked pool movement; a repayment's {@code receipt} is the hash of its ledger transfer's key. */
  public record Movement(String key, String kind, BigDecimal principal, BigDecimal interest, String receipt,
      String txHash, long block, String status) {
  }

  /** The ledger account of the stablecoin the operator holds for the pool of {@code chain} (drawn, not yet paid out). */
  public static String stablecoinAccount(String chain) {
    return PoolBook.stablecoin(chain);
  }

  /** The receipt a repayment carries on chain: keccak-256 of the ledger transfer's key. */
  public static String receipt(String ledgerKey) {
    return PoolBook.receipt(ledgerKey);
  }

  private LiquidityPool pool(String chain) {
    Chain node = nodes.chain(chain);
    return LiquidityPool.load(nodes.config(chain).poolAddress(), node.web3j(),
        new ReadonlyTransactionManager(node.web3j(), nodes.operator(chain).getAddress()), node.gas());
  }

}
