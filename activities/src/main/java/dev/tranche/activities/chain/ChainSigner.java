package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.WalletPayout;
import dev.tranche.common.FailureType;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.MockERC20;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * The signer: one per chain account, serialised, so nonces are one sequence. Every transaction is signed,
 * stored under its business key, and only then broadcast, so a worker that dies at any point leaves
 * either nothing or a transaction the next attempt recognises; a dropped or stuck one is sent again with
 * the same nonce and a higher fee. Its activities are the only ones that need the {@code chain} queue.
 */
final class ChainSigner {

  private final ChainNodes nodes;
  private final JdbcClient jdbc;
  private final AuditLog audit;
  /** One lock per signing account: its nonces are one sequence. */
  private final Map<String, ReentrantLock> signerLocks = new ConcurrentHashMap<>();

  ChainSigner(ChainNodes nodes, JdbcClient jdbc, AuditLog audit) {
    this.nodes = nodes;
    this.jdbc = jdbc;
    this.audit = audit;
  }

  // --- sending ---

  ChainTx submitLiquidation(String name, String loanId, String idempotencyKey) {
    Chain chain = nodes.chain(name);
    return send(name, loanId, idempotencyKey, nodes.config(name).vaultAddress(),
        nodes.vault(name, chain).liquidate(LocalDeployment.loanKey(loanId)).encodeFunctionCall());
  }

  ChainTx submitDefaultLiquidation(String name, String loanId, String idempotencyKey) {
    Chain chain = nodes.chain(name);
    return send(name, loanId, idempotencyKey, nodes.config(name).vaultAddress(),
        nodes.vault(name, chain).liquidateDefaulted(LocalDeployment.loanKey(loanId)).encodeFunctionCall());
  }

  ChainTx submitLock(String name, String loanId, String debtUsd) {
    BigInteger debtWad = new BigDecimal(debtUsd).movePointRight(18).toBigIntegerExact();
    return send(name, loanId, "lock:" + loanId, nodes.config(name).vaultAddress(),
        nodes.vault(name, nodes.chain(name)).lock(LocalDeployment.loanKey(loanId), debtWad).encodeFunctionCall());
  }

  ChainTx submitDebtUpdate(String name, String loanId, String debtUsd, String idempotencyKey) {
    BigInteger debtWad = new BigDecimal(debtUsd).movePointRight(18).toBigIntegerExact();
    return send(name, loanId, idempotencyKey, nodes.config(name).vaultAddress(),
        nodes.vault(name, nodes.chain(name)).updateDebt(LocalDeployment.loanKey(loanId), debtWad).encodeFunctionCall());
  }

  ChainTx submitExpectDeposit(String name, String loanId, String walletAddress) {
    if (!WalletUtils.isValidAddress(walletAddress)) {
      throw ApplicationFailure.newNonRetryableFailure("not an address: " + walletAddress,
          FailureType.INVALID_ADDRESS.name());
    }
    return send(name, loanId, "expect-deposit:" + loanId, nodes.config(name).vaultAddress(),
        nodes.vault(name, nodes.chain(name)).expectDeposit(LocalDeployment.loanKey(loanId), walletAddress)
            .encodeFunctionCall());
  }

  ChainTx submitRelease(String name, String loanId) {
    return send(name, loanId, "release:" + loanId, nodes.config(name).vaultAddress(),
        nodes.vault(name, nodes.chain(name)).release(LocalDeployment.loanKey(loanId)).encodeFunctionCall());
  }

  ChainTx submitPayout(WalletPayout payout) {
    ChainProperties.ChainConfig config = nodes.config(payout.chain());
    if (config.stablecoinAddress() == null || config.stablecoinAddress().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + payout.chain() + " has no stablecoin configured",
          FailureType.CHAIN_MISCONFIGURED.name());
    }
    if (!WalletUtils.isValidAddress(payout.walletAddress())) {
      throw ApplicationFailure.newNonRetryableFailure("not an address: " + payout.walletAddress(),
          FailureType.INVALID_ADDRESS.name());
    }
    Chain chain = nodes.chain(payout.chain());
    MockERC20 usd = MockERC20.load(config.stablecoinAddress(), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), nodes.operator(payout.chain()).getAddress()), chain.gas());
    try {
      BigInteger units = payout.amount().amount().movePointRight(usd.decimals().send().intValue()).toBigIntegerExact();
      return send(payout.chain(), payout.loanId(), "payout:" + payout.loanId(), config.stablecoinAddress(),
          usd.transfer(payout.walletAddress(), units).encodeFunctionCall());
    } catch (ApplicationFailure f) {
      throw f;
    } catch (Exception e) {
      throw new IllegalStateException("could not price the payout of " + payout.loanId() + ": " + e, e);
    }
  }

  /** Sends a call to another of the chain's contracts (the liquidity pool) through this signer, under {@code key}. */
  ChainTx sendCall(String name, String loanId, String key, String to, String data) {
    return send(name, loanId, key, to, data);
  }

  /**
   * Signs {@code data} for {@code to} with the next nonce, stores it under {@code key}, then
   * broadcasts it. A key already stored returns its transaction (broadcast again if the node lost it).
   */
  private ChainTx send(String name, String loanId, String key, String to, String data) {
    // A transaction that reverted settled nothing: it is kept under another key, and a new one may go.
    jdbc.sql("""
            update chain_transactions set idempotency_key = idempotency_key || ':reverted:' || tx_hash
            where idempotency_key = ? and status = 'REVERTED'""")
        .param(key).update();
    Optional<ChainTx> stored = stored(key);
    if (stored.isPresent()) {
      rebroadcast(name, key);
      return stored.get();
    }
    Chain chain = nodes.chain(name);
    Credentials operator = nodes.operator(name);
    ReentrantLock signer = signerLock(operator);
    signer.lock();
    try {
      stored = stored(key);
      if (stored.isPresent()) {
        return stored.get();
      }
      BigInteger nonce = chain.web3j().ethGetTransactionCount(operator.getAddress(),
          DefaultBlockParameterName.PENDING).send().getTransactionCount();
      Fees fees = Fees.current(chain);
      String raw = RawTransactions.sign(chain, operator, nonce, fees, to, data);
      String hash = Hash.sha3(raw);
      int inserted = jdbc.sql("""
              insert into chain_transactions (idempotency_key, chain, loan_id, tx_hash, nonce, to_address, data,
                gas_price, priority_fee, raw_tx) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              on conflict (idempotency_key) do nothing""")
          .params(key, name, UUID.fromString(loanId), hash, nonce.longValueExact(), to, data,
              new BigDecimal(fees.maxFee()), fees.priority() == null ? null : new BigDecimal(fees.priority()), raw)
          .update();
      if (inserted == 1) {
        RawTransactions.broadcast(chain, raw);
      }
      return stored(key).orElseThrow();
    } catch (IOException e) {
      throw new IllegalStateException("could not send to " + name + ": " + e, e);
    } finally {
      signer.unlock();
    }
  }

  /**
   * One lock per signing account: sign and send go in nonce order. A lock, not {@code synchronized}:
   * the network I/O it guards must not pin the carrier of a virtual thread.
   */
  private ReentrantLock signerLock(Credentials operator) {
    return signerLocks.computeIfAbsent(operator.getAddress(), a -> new ReentrantLock());
  }

  private void rebroadcast(String name, String key) {
    String raw = jdbc.sql("select raw_tx from chain_transactions where idempotency_key = ? and status = 'SUBMITTED'")
        .param(key).query(String.class).optional().orElse(null);
    if (raw == null) {
      return;
    }
    try {
      Chain chain = nodes.chain(name);
      if (chain.web3j().ethGetTransactionByHash(Hash.sha3(raw)).send().getTransaction().isEmpty()) {
        RawTransactions.broadcast(chain, raw);
      }
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  private Optional<ChainTx> stored(String key) {
    return jdbc.sql("select idempotency_key, tx_hash, nonce from chain_transactions where idempotency_key = ?")
        .param(key).query((rs, n) -> new ChainTx(rs.getString(1), rs.getString(2), rs.getLong(3))).optional();
  }

  ChainTx resubmit(String name, String key, String previousTxHash) {
    Chain chain = nodes.chain(name);
    Credentials operator = nodes.operator(name);
    ReentrantLock signer = signerLock(operator);
    signer.lock();
    try {
      var row = jdbc.sql("select tx_hash, nonce, to_address, data, gas_price, priority_fee from chain_transactions"
              + " where idempotency_key = ?")
          .param(key).query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getBigDecimal(5), rs.getBigDecimal(6)}).optional()
          .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure("no transaction under " + key,
              FailureType.NOT_FOUND.name()));
      if (!previousTxHash.equals(row[0])) {
        return stored(key).orElseThrow();
      }
      if (chain.web3j().ethGetTransactionReceipt(previousTxHash).send().getTransactionReceipt().isPresent()) {
        return stored(key).orElseThrow();
      }
      BigInteger nonce = BigInteger.valueOf((Long) row[1]);
      BigInteger mined = chain.web3j().ethGetTransactionCount(operator.getAddress(), DefaultBlockParameterName.LATEST)
          .send().getTransactionCount();
      if (mined.compareTo(nonce) > 0) {
        // Another transaction of this signer took the nonce (the node lost ours and moved on).
        nonce = chain.web3j().ethGetTransactionCount(operator.getAddress(), DefaultBlockParameterName.PENDING)
            .send().getTransactionCount();
      }
      Fees previous = new Fees(((BigDecimal) row[4]).toBigIntegerExact(),
          row[5] == null ? null : ((BigDecimal) row[5]).toBigIntegerExact());
      // A replacement must raise both the fee cap and the tip by at least 10 % (12.5 % here), and
      // never go below what the chain asks now.
      Fees bumped = previous.bumped(Fees.current(chain));
      String raw = RawTransactions.sign(chain, operator, nonce, bumped, (String) row[2], (String) row[3]);
      String hash = Hash.sha3(raw);
      jdbc.sql("""
              update chain_transactions set tx_hash = ?, nonce = ?, gas_price = ?, priority_fee = ?, raw_tx = ?,
                attempts = attempts + 1, replaced = array_append(replaced, tx_hash), submitted_at = now()
              where idempotency_key = ? and tx_hash = ?""")
          .params(hash, nonce.longValueExact(), new BigDecimal(bumped.maxFee()),
              bumped.priority() == null ? null : new BigDecimal(bumped.priority()), raw, key, previousTxHash)
          .update();
      RawTransactions.broadcast(chain, raw);
      audit.record("system:chain", "TX_RESUBMITTED", "chain_transaction", key, Map.of("previous", previousTxHash,
          "txHash", hash, "nonce", nonce.toString(), "maxFeePerGas", bumped.maxFee().toString()));
      return stored(key).orElseThrow();
      } catch (IOException e) {
        throw new IllegalStateException("node unreachable: " + e, e);
      } finally {
        signer.unlock();
      }
  }

  TxOutcome awaitReceipt(String name, String txHash) {
    Chain chain = nodes.chain(name);
    try {
      Optional<TransactionReceipt> receipt = chain.web3j().ethGetTransactionReceipt(txHash).send()
          .getTransactionReceipt();
      if (receipt.isEmpty()) {
        throw unmined(name, chain, txHash);
      }
      long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long mined = receipt.get().getBlockNumber().longValueExact();
      if (head - mined + 1 < Math.max(1, nodes.config(name).confirmations())) {
        throw ChainNodes.notYet(txHash + " has " + (head - mined + 1) + " confirmations", "AWAITING_CONFIRMATIONS");
      }
      jdbc.sql("update chain_transactions set status = ? where tx_hash = ?")
          .params(receipt.get().isStatusOK() ? "CONFIRMED" : "REVERTED", txHash).update();
      return new TxOutcome(txHash, receipt.get().isStatusOK(), mined);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  /** Why a transaction has no receipt: still pending (retry), lost by the node, or pending too long. */
  private RuntimeException unmined(String name, Chain chain, String txHash) throws IOException {
    if (chain.web3j().ethGetTransactionByHash(txHash).send().getTransaction().isEmpty()) {
      return ApplicationFailure.newNonRetryableFailure("the node does not know " + txHash,
          FailureType.TX_DROPPED.name());
    }
    Optional<Instant> submitted = jdbc.sql("select submitted_at from chain_transactions where tx_hash = ?")
        .param(txHash).query(Timestamp.class).optional().map(Timestamp::toInstant);
    if (submitted.isPresent()
        && submitted.get().plusSeconds(nodes.config(name).stuckAfter()).isBefore(Instant.now())) {
      return ApplicationFailure.newNonRetryableFailure(txHash + " unmined since " + submitted.get(),
          FailureType.TX_STUCK.name());
    }
    return ChainNodes.notYet("no receipt yet for " + txHash, "AWAITING_RECEIPT");
  }
}
