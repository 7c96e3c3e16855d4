package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.chain.CollateralMonitorWorkflow;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.PositionSweep;
import dev.tranche.chain.VaultStatus;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One sweep of a chain's open positions: the loans whose collateral is deposited (PostgreSQL), read a page at a time
 * through the vault's {@code healthFactors} (one {@code eth_call} for {@value #PAGE} positions at one price, the
 * pages in parallel), a liquidation started for each below 1.0, and the monitor of each between 1.0 and 1.1 woken
 * to text its margin call now rather than at its next read. The price is first checked as every read checks
 * it (the configured heartbeat, the reference feed's deviation): an untrusted price starts nothing and is alerted.
 * A vault deployed before {@code healthFactors} existed is read one position at a time instead.
 */
final class PositionSweeper {

  static final int PAGE = 500;
  private static final BigInteger WAD = BigInteger.TEN.pow(18);

  private final ChainNodes nodes;
  private final VaultReader reader;
  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Supplier<WorkflowClient> temporal;

  PositionSweeper(ChainNodes nodes, VaultReader reader, JdbcClient jdbc, AuditLog audit,
      Supplier<WorkflowClient> temporal) {
    this.nodes = nodes;
    this.reader = reader;
    this.jdbc = jdbc;
    this.audit = audit;
    this.temporal = temporal;
  }

  PositionSweep sweep(String name, long round) {
    long began = System.nanoTime();
    List<String> loans = jdbc.sql("""
            select loan_id::text from collateral_requirements where chain = ? and status = 'DEPOSITED'
             order by loan_id""")
        .param(name).query(String.class).list();
    if (loans.isEmpty()) {
      return new PositionSweep(name, round, 0, 0, null, 0, 0, null, millis(began), 0);
    }
    Chain chain = nodes.chain(name);
    CollateralVault vault = nodes.vault(name, chain);
    try {
      VaultReader.PriceRead price = reader.readPrice(name, chain, vault);
      if (price.problem() != null) {
        return unusable(name, round, loans.size(), 0, price.problem(), began);
      }
      List<List<String>> pages = new ArrayList<>();
      for (int from = 0; from < loans.size(); from += PAGE) {
        pages.add(loans.subList(from, Math.min(loans.size(), from + PAGE)));
      }
      List<Below> below = new ArrayList<>();
      try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<List<Below>>> reads = new ArrayList<>();
        for (List<String> page : pages) {
          reads.add(parallel.submit(() -> readPage(name, chain, vault, page)));
        }
        for (Future<List<Below>> read : reads) {
          List<Below> found = read.get();
          if (found == null) {
            // The vault refused its own price (stale by its heartbeat): nothing can be liquidated on it.
            return unusable(name, round, loans.size(), pages.size(), "STALE_PRICE", began);
          }
          below.addAll(found);
        }
        List<Below> unsafe = below.stream().filter(b -> b.factor().compareTo(WAD) < 0).toList();
        List<Future<Boolean>> starts = new ArrayList<>();
        for (Below b : unsafe) {
          starts.add(parallel.submit(() -> Liquidations.start(temporal.get(), new LiquidationRequest(b.loanId(), name,
              "health factor " + new BigDecimal(b.factor()).movePointLeft(18).setScale(4, RoundingMode.DOWN)
                  + " at price round " + round))));
        }
        // Then, between 1.0 and 1.1, each monitor is woken to text its margin call now.
        List<Future<Boolean>> wakes = new ArrayList<>();
        for (Below b : below) {
          if (b.factor().compareTo(WAD) >= 0) {
            wakes.add(parallel.submit(() -> wake(b.loanId())));
          }
        }
        int started = 0;
        for (Future<Boolean> start : starts) {
          started += start.get() ? 1 : 0;
        }
        int woken = 0;
        for (Future<Boolean> wake : wakes) {
          woken += wake.get() ? 1 : 0;
        }
        return new PositionSweep(name, round, loans.size(), pages.size(), price.priceWad().toString(), unsafe.size(),
            started, null, millis(began), woken);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the sweep of " + name + " failed: " + e.getCause(), e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the sweep of " + name + " failed: " + e, e);
    }
  }

  /** Signals the loan's monitor to read its position now; false when no monitor is running for it. */
  private boolean wake(String loanId) {
    try {
      temporal.get().newWorkflowStub(CollateralMonitorWorkflow.class, WorkflowIds.collateralMonitor(loanId)).wake();
      return true;
    } catch (WorkflowNotFoundException ended) {
      return false;
    }
  }

  /** A price not used: nothing is evaluated or started, and the chain's alert is audited. */
  private PositionSweep unusable(String name, long round, int positions, int calls, String problem, long began) {
    audit.record("system:price-watch", "COLLATERAL_ALERT", "chain", name, Map.of("message",
        "price unusable: " + problem + "; " + positions + " positions not evaluated", "round", round));
    return new PositionSweep(name, round, positions, calls, null, 0, 0, problem, millis(began), 0);
  }

  private static long millis(long began) {
    return (System.nanoTime() - began) / 1_000_000;
  }

  /** A position below the margin-call line and its factor. */
  private record Below(String loanId, BigInteger factor) {
  }

  /**
   * The page's positions below the margin-call line (1.1), with their factors; null when the vault finds its price
   * stale.
   */
  private List<Below> readPage(String name, Chain chain, CollateralVault vault, List<String> page) {
    List<byte[]> keys = page.stream().map(LocalDeployment::loanKey).toList();
    List<BigInteger> factors;
    try {
      factors = vault.healthFactors(keys).send().component2();
    } catch (Exception refused) {
      String revert = chain.revertSelector(nodes.operator(name).getAddress(), vault.getContractAddress(),
          vault.healthFactors(keys).encodeFunctionCall());
      if (Chain.selector("StalePrice(uint256,uint256)").equals(revert)) {
        return null;
      }
      // A vault deployed before the batched read existed: its positions are read one by one.
      factors = new ArrayList<>();
      for (String loanId : page) {
        var position = reader.readPosition(name, loanId);
        factors.add(position.status() == VaultStatus.LOCKED && position.healthFactorWad() != null
            ? new BigInteger(position.healthFactorWad()) : CollateralMonitorWorkflow.MARGIN_CALL_WAD);
      }
    }
    List<Below> below = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      if (factors.get(i).compareTo(CollateralMonitorWorkflow.MARGIN_CALL_WAD) < 0) {
        below.add(new Below(page.get(i), factors.get(i)));
      }
    }
    return below;
  }
}
