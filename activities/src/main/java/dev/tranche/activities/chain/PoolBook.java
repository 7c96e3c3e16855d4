package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.PoolCall;
import dev.tranche.chain.PoolMovement;
import dev.tranche.chain.PoolReconciliation;
import dev.tranche.common.FailureType;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.LiquidityPool;
import dev.tranche.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The liquidity pool's calls and its book. The pool's own accounts mirror the contract (idle liquidity,
 * principal lent, the providers' capital); Tranche's side records the stablecoin it drew and owes back.
 * Amounts are cents in the ledger and the stablecoin's units on chain (6 decimals: a cent is 10,000).
 */
final class PoolBook {

  private static final Logger log = LoggerFactory.getLogger(PoolBook.class);
  static final String POOL_INTEREST_EXPENSE = "expense:pool-interest";
  static final String LOSS_BORNE_BY_POOL = "income:loss-borne-by-pool";

  private final ChainNodes nodes;
  private final ChainSigner signer;
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Supplier<MeterRegistry> meters;

  PoolBook(ChainNodes nodes, ChainSigner signer, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, Supplier<MeterRegistry> meters) {
    this.nodes = nodes;
    this.signer = signer;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.audit = audit;
    this.tx = tx;
    this.meters = meters;
  }

  static String liquidity(String chain) {
    return "pool:" + chain + ":liquidity";
  }

  static String loans(String chain) {
    return "pool:" + chain + ":loans";
  }

  static String capital(String chain) {
    return "pool:" + chain + ":lp-capital";
  }

  static String stablecoin(String chain) {
    return "cash:stablecoin:" + chain;
  }

  static String owedToPool(String chain) {
    return "liability:pool:" + chain;
  }

  /** The receipt a repayment carries on chain: keccak-256 of the ledger transfer's key. */
  static String receipt(String ledgerKey) {
    return Hash.sha3String(ledgerKey);
  }

  LiquidityPool pool(String name) {
    ChainProperties.ChainConfig config = nodes.config(name);
    if (!config.hasPool()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + name + " has no liquidity pool",
          FailureType.CHAIN_MISCONFIGURED.name());
    }
    Chain chain = nodes.chain(name);
    return LiquidityPool.load(config.poolAddress(), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), nodes.operator(name).getAddress()), chain.gas());
  }

  ChainTx submit(PoolCall call) {
    LiquidityPool pool = pool(call.chain());
    byte[] loan = LocalDeployment.loanKey(call.loanId());
    String data = switch (call.kind()) {
      case PoolCall.DRAW -> pool.draw(loan, units(call.principal()), nodes.operator(call.chain()).getAddress())
          .encodeFunctionCall();
      case PoolCall.REPAY -> pool.repay(loan, units(call.principal()), units(call.interest()),
          Numeric.hexStringToByteArray(call.receipt())).encodeFunctionCall();
      case PoolCall.WRITE_OFF -> pool.writeOff(loan, units(call.principal())).encodeFunctionCall();
      default -> throw ApplicationFailure.newNonRetryableFailure("unknown pool call " + call.kind(),
          FailureType.DATA_REJECTED.name());
    };
    return signer.sendCall(call.chain(), call.loanId(), "pool:" + call.key(), nodes.config(call.chain()).poolAddress(),
        data);
  }

  void book(PoolMovement m) {
    PoolCall c = m.call();
    tx.executeWithoutResult(status -> {
      int inserted = jdbc.sql("""
              insert into pool_movements (key, chain, kind, loan_id, principal, interest, receipt, tx_hash,
                  block_number, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (key) do nothing""")
          .params(c.key(), c.chain(), c.kind(), UUID.fromString(c.loanId()), c.principal().amount(),
              c.interest() == null ? BigDecimal.ZERO : c.interest().amount(), c.receipt(), m.txHash(), m.block(),
              m.succeeded() ? "MINED" : "REVERTED")
          .update();
      if (inserted == 0) {
        return;
      }
      if (!m.succeeded()) {
        if (PoolCall.DRAW.equals(c.kind())) {
          // Not enough idle liquidity when it reached the chain: the bill is Tranche's own to fund.
          jdbc.sql("update bills set funding = 'BALANCE_SHEET' where id = ?").param(UUID.fromString(c.loanId()))
              .update();
        }
        audit.record("system:pool", "POOL_CALL_REVERTED", "loan", c.loanId(), Map.of("key", c.key(), "tx", m.txHash()));
        return;
      }
      ledger.post(new Transfer("pool:" + c.key(), "POOL_" + c.kind(), c.loanId(), "pool " + c.kind().toLowerCase()
          + " " + m.txHash(), legs(c)));
      audit.record("system:pool", "POOL_" + c.kind(), "loan", c.loanId(), Map.of("key", c.key(), "tx", m.txHash(),
          "principal", c.principal().amount().toPlainString()));
    });
  }

  private static List<Leg> legs(PoolCall c) {
    String chain = c.chain();
    Money p = c.principal();
    Money i = c.interest() == null ? Money.zero(p.currency()) : c.interest();
    List<Leg> legs = new ArrayList<>();
    switch (c.kind()) {
      case PoolCall.DRAW -> {
        legs.add(Leg.debit(loans(chain), AccountType.ASSET, p));
        legs.add(Leg.credit(liquidity(chain), AccountType.ASSET, p));
        legs.add(Leg.debit(stablecoin(chain), AccountType.ASSET, p));
        legs.add(Leg.credit(owedToPool(chain), AccountType.LIABILITY, p));
      }
      case PoolCall.REPAY -> {
        Money total = p.plus(i);
        legs.add(Leg.debit(liquidity(chain), AccountType.ASSET, total));
        legs.add(Leg.credit(stablecoin(chain), AccountType.ASSET, total));
        if (p.positive()) {
          legs.add(Leg.credit(loans(chain), AccountType.ASSET, p));
          legs.add(Leg.debit(owedToPool(chain), AccountType.LIABILITY, p));
        }
        if (i.positive()) {
          legs.add(Leg.credit(capital(chain), AccountType.EQUITY, i));
          legs.add(Leg.debit(POOL_INTEREST_EXPENSE, AccountType.EXPENSE, i));
        }
      }
      case PoolCall.WRITE_OFF -> {
        legs.add(Leg.debit(capital(chain), AccountType.EQUITY, p));
        legs.add(Leg.credit(loans(chain), AccountType.ASSET, p));
        legs.add(Leg.debit(owedToPool(chain), AccountType.LIABILITY, p));
        legs.add(Leg.credit(LOSS_BORNE_BY_POOL, AccountType.INCOME, p));
      }
      default -> throw new IllegalArgumentException(c.kind());
    }
    return legs;
  }

  /** Books the providers' deposits and withdrawals since the last check, then compares the book with the chain. */
  PoolReconciliation reconcile(String name) {
    LiquidityPool pool = pool(name);
    Chain chain = nodes.chain(name);
    try {
      long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long from = jdbc.sql("select coalesce(max(last_block) + 1, ?) from pool_sync where chain = ?")
          .params(nodes.config(name).startBlock(), name).query(Long.class).single();
      for (long start = from; start <= head; start += nodes.config(name).logWindow()) {
        long end = Math.min(head, start + nodes.config(name).logWindow() - 1);
        bookProviders(name, logs(chain, pool.getContractAddress(), start, end));
      }
      jdbc.sql("""
              insert into pool_sync (chain, last_block) values (?, ?)
              on conflict (chain) do update set last_block = greatest(pool_sync.last_block, excluded.last_block)""")
          .params(name, head).update();
      BigDecimal chainAssets = new BigDecimal(pool.totalAssets().send(), 6);
      BigDecimal chainLoans = new BigDecimal(pool.outstandingPrincipal().send(), 6);
      BigDecimal ledgerLoans = ledger.balance(loans(name));
      BigDecimal ledgerAssets = ledger.balance(liquidity(name)).add(ledgerLoans);
      boolean matched = ledgerAssets.compareTo(chainAssets) == 0 && ledgerLoans.compareTo(chainLoans) == 0;
      if (!matched && inFlight(name) > 0) {
        // A pool call sent but not yet booked: the book catches up when its workflow books it; no alert.
        return new PoolReconciliation(name, ledgerAssets, chainAssets, ledgerLoans, chainLoans, head, false);
      }
      jdbc.sql("""
              insert into pool_reconciliations (chain, ledger_assets, chain_assets, ledger_loans, chain_loans,
                  block_number, status) values (?, ?, ?, ?, ?, ?, ?)""")
          .params(name, ledgerAssets, chainAssets, ledgerLoans, chainLoans, head, matched ? "MATCHED" : "MISMATCH")
          .update();
      if (!matched) {
        log.error("pool {} does not reconcile at block {}: ledger assets {} vs totalAssets {}, ledger loans {} vs"
            + " outstandingPrincipal {}", name, head, ledgerAssets, chainAssets, ledgerLoans, chainLoans);
        audit.record("system:pool", "POOL_RECONCILIATION_MISMATCH", "pool", name, Map.of("block", head,
            "ledgerAssets", ledgerAssets.toPlainString(), "chainAssets", chainAssets.toPlainString()));
        MeterRegistry registry = meters.get();
        if (registry != null) {
          registry.counter("tranche.pool.reconciliation.mismatches", "chain", name).increment();
        }
      }
      return new PoolReconciliation(name, ledgerAssets, chainAssets, ledgerLoans, chainLoans, head, matched);
    } catch (ApplicationFailure f) {
      throw f;
    } catch (Exception e) {
      throw new IllegalStateException("could not read pool " + name + ": " + e, e);
    }
  }

  private void bookProviders(String name, List<Log> logs) {
    String deposit = EventEncoder.encode(LiquidityPool.DEPOSIT_EVENT);
    for (Log event : logs) {
      boolean in = event.getTopics().getFirst().equals(deposit);
      BigInteger assets = in ? LiquidityPool.getDepositEventFromLog(event).assets
          : LiquidityPool.getWithdrawEventFromLog(event).assets;
      String key = "pool-lp:" + event.getTransactionHash() + ":" + event.getLogIndex();
      Money amount = Money.rounded(new BigDecimal(assets, 6), Currency.getInstance("USD"),
          RoundingMode.DOWN);
      if (!amount.positive()) {
        continue;
      }
      tx.executeWithoutResult(status -> {
        int inserted = jdbc.sql("""
                insert into pool_movements (key, chain, kind, principal, interest, tx_hash, block_number, status)
                values (?, ?, ?, ?, 0, ?, ?, 'MINED') on conflict (key) do nothing""")
            .params(key, name, in ? "LP_DEPOSIT" : "LP_WITHDRAWAL", amount.amount(), event.getTransactionHash(),
                event.getBlockNumber().longValueExact())
            .update();
        if (inserted == 1) {
          ledger.post(new Transfer(key, in ? "POOL_LP_DEPOSIT" : "POOL_LP_WITHDRAWAL", null,
              "liquidity provider " + (in ? "deposit" : "withdrawal") + " " + event.getTransactionHash(), in
                  ? List.of(Leg.debit(liquidity(name), AccountType.ASSET, amount),
                      Leg.credit(capital(name), AccountType.EQUITY, amount))
                  : List.of(Leg.debit(capital(name), AccountType.EQUITY, amount),
                      Leg.credit(liquidity(name), AccountType.ASSET, amount))));
        }
      });
    }
  }

  private static List<Log> logs(Chain chain, String address, long from, long to) throws IOException {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
    filter.addOptionalTopics(EventEncoder.encode(LiquidityPool.DEPOSIT_EVENT),
        EventEncoder.encode(LiquidityPool.WITHDRAW_EVENT));
    EthLog answer = chain.web3j().ethGetLogs(filter).send();
    if (answer.hasError()) {
      throw new IllegalStateException("eth_getLogs refused: " + answer.getError().getMessage());
    }
    List<Log> found = new ArrayList<>();
    answer.getLogs().forEach(result -> found.add((Log) ((EthLog.LogResult<?>) result).get()));
    return found;
  }

  /** Pool calls sent on this chain and not yet booked (mined or reverted). */
  private long inFlight(String name) {
    return jdbc.sql("""
            select count(*) from chain_transactions t
             where t.chain = ? and t.idempotency_key like 'pool:%' and t.idempotency_key not like '%:reverted:%'
               and not exists (select 1 from pool_movements m where 'pool:' || m.key = t.idempotency_key)""")
        .param(name).query(Long.class).single();
  }

  /** Cents to the stablecoin's units (6 decimals). */
  static BigInteger units(Money amount) {
    return amount.amount().movePointRight(6).toBigIntegerExact();
  }
}
