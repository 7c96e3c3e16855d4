package dev.tranche.activities.chain;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.activities.servicing.LoanAccounts;
import dev.tranche.chain.ChainActivities;
import dev.tranche.chain.ChainTx;
import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.CollateralMonitorWorkflow;
import dev.tranche.chain.CollateralRequest;
import dev.tranche.chain.CollateralRequirement;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.LiquidationRequest;
import dev.tranche.chain.MonitorRequest;
import dev.tranche.chain.OnChainPosition;
import dev.tranche.chain.TxOutcome;
import dev.tranche.chain.WalletPayout;
import dev.tranche.common.FailureType;
import dev.tranche.common.TaskQueues;
import dev.tranche.common.WorkflowIds;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.contracts.generated.MockPriceFeed;
import dev.tranche.money.Money;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The vault over web3j. One signer per chain account, serialised: nonces come from the node under a
 * lock; every transaction is signed, stored under its business key, and only then broadcast, so a
 * worker that dies at any point leaves either nothing or a transaction the next attempt recognises.
 */
@Component("chainActivities")
public class ChainActivitiesImpl implements ChainActivities {

  private static final List<String> STATUSES = List.of("NONE", "DEPOSITED", "LOCKED", "RELEASED", "LIQUIDATED");
  private static final BigInteger WAD = BigInteger.TEN.pow(18);
  private final Map<String, Integer> collateralDecimals = new java.util.concurrent.ConcurrentHashMap<>();
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(500_000);
  /** Collateral ratio 111 %: the deposit is worth 1.11 × the debt at the price when asked. */
  private static final BigDecimal COLLATERAL_RATIO = new BigDecimal("1.11");

  private final ChainProperties properties;
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Supplier<WorkflowClient> temporal;
  private final Map<String, Chain> chains = new ConcurrentHashMap<>();
  /** One lock per signing account: its nonces are one sequence. */
  private final Map<String, ReentrantLock> signerLocks = new ConcurrentHashMap<>();

  @Autowired
  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, ObjectProvider<WorkflowClient> temporal) {
    this(properties, jdbc, ledger, audit, tx, (Supplier<WorkflowClient>) temporal::getObject);
  }

  public ChainActivitiesImpl(ChainProperties properties, JdbcClient jdbc, Ledger ledger, AuditLog audit,
      TransactionTemplate tx, Supplier<WorkflowClient> temporal) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.audit = audit;
    this.tx = tx;
    this.temporal = temporal;
  }

  /**
   * At start, every configured chain must answer with its configured chain id: a signer bound to
   * the wrong chain id has its transactions silently dropped, so a mismatch refuses to start.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void verifyChains() {
    if (properties.chains() == null) {
      return;
    }
    properties.chains().forEach((name, config) -> {
      Chain chain = chains.computeIfAbsent(name, n -> new Chain(config.rpcUrl()));
      if (chain.chainId() != config.chainId()) {
        throw new IllegalStateException("chain " + name + " at " + config.rpcUrl() + " answers chain id "
            + chain.chainId() + ", but " + config.chainId() + " is configured: refusing to start");
      }
    });
  }

  private ChainProperties.ChainConfig config(String name) {
    ChainProperties.ChainConfig config = properties.chains() == null ? null : properties.chains().get(name);
    if (config == null) {
      throw ApplicationFailure.newNonRetryableFailure("no chain named " + name, FailureType.CHAIN_MISCONFIGURED.name());
    }
    return config;
  }

  /** Connects once per chain and refuses a node whose chain id is not the configured one. */
  private Chain chain(String name) {
    ChainProperties.ChainConfig config = config(name);
    Chain chain = chains.computeIfAbsent(name, n -> new Chain(config.rpcUrl()));
    if (chain.chainId() != config.chainId()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + name + " answers chain id " + chain.chainId()
          + ", configured " + config.chainId(), FailureType.CHAIN_MISCONFIGURED.name());
    }
    return chain;
  }

  /** The vault for reading (and encoding calls): transactions go through {@link #send}. */
  private CollateralVault vault(String name, Chain chain) {
    return CollateralVault.load(config(name).vaultAddress(), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), operator(name).getAddress()), chain.gas());
  }

  private Credentials operator(String name) {
    return Credentials.create(config(name).operatorKey());
  }

  @Override
  public OnChainPosition readPosition(String name, String loanId) {
    Chain chain = chain(name);
    CollateralVault vault = vault(name, chain);
    byte[] key = LocalDeployment.loanKey(loanId);
    try {
      CollateralVault.Position p = vault.position(key).send();
      String status = STATUSES.get(p.status.intValue());
      String healthFactor = null;
      String problem = null;
      if (status.equals("LOCKED")) {
        String revert = chain.revertSelector(operator(name).getAddress(), vault.getContractAddress(),
            vault.healthFactor(key).encodeFunctionCall());
        if (revert == null) {
          problem = priceProblem(name, chain, vault);
          healthFactor = problem == null ? vault.healthFactor(key).send().toString() : null;
        } else {
          problem = revert.equals(Chain.selector("StalePrice(uint256,uint256)")) ? "STALE_PRICE" : revert;
        }
      }
      return new OnChainPosition(loanId, status, p.collateral.toString(), p.debtUsd.toString(), healthFactor, problem);
    } catch (ApplicationFailure f) {
      throw f;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the position of " + loanId + " on " + name + ": " + e, e);
    }
  }

  /**
   * Null when the vault's feed is no older than the chain's configured heartbeat and agrees with the
   * chain's reference feed within the configured bound (when one is configured); else why the price is
   * not trusted.
   */
  private String priceProblem(String name, Chain chain, CollateralVault vault) throws Exception {
    ChainProperties.ChainConfig config = config(name);
    BigInteger heartbeat = heartbeat(config, vault);
    BigInteger primary = priceWad(chain, vault.priceFeed().send(), config.heartbeatSeconds() > 0 ? heartbeat : null);
    if (primary == null) {
      return "STALE_PRICE";
    }
    if (config.referenceFeedAddress() == null || config.referenceFeedAddress().isBlank()) {
      return null;
    }
    BigInteger reference = priceWad(chain, config.referenceFeedAddress(), heartbeat);
    if (reference == null) {
      return "REFERENCE_STALE";
    }
    BigInteger bps = primary.subtract(reference).abs().multiply(BigInteger.valueOf(10_000)).divide(reference);
    return bps.compareTo(BigInteger.valueOf(config.maxDeviation())) > 0 ? "PRICE_DEVIATION" : null;
  }

  /** The configured heartbeat, else the vault's. */
  private static BigInteger heartbeat(ChainProperties.ChainConfig config, CollateralVault vault) throws Exception {
    return config.heartbeatSeconds() > 0 ? BigInteger.valueOf(config.heartbeatSeconds()) : vault.heartbeat().send();
  }

  /** A Chainlink-shaped feed's answer in 1e18; null when older than {@code heartbeat} seconds (if given). */
  private BigInteger priceWad(Chain chain, String feedAddress, BigInteger heartbeat) throws Exception {
    MockPriceFeed feed = MockPriceFeed.load(feedAddress, chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), feedAddress), chain.gas());
    var round = feed.latestRoundData().send();
    if (heartbeat != null) {
      BigInteger now = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
          .getBlock().getTimestamp();
      if (now.compareTo(round.component4().add(heartbeat)) > 0) {
        return null;
      }
    }
    if (round.component2().signum() <= 0) {
      throw ApplicationFailure.newNonRetryableFailure("feed " + feedAddress + " answers " + round.component2(),
          "PRICE_INVALID");
    }
    return round.component2().multiply(WAD).divide(BigInteger.TEN.pow(feed.decimals().send().intValue()));
  }

  // --- sending ---

  @Override
  public ChainTx submitLiquidation(String name, String loanId, String idempotencyKey) {
    Chain chain = chain(name);
    return send(name, loanId, idempotencyKey, config(name).vaultAddress(),
        vault(name, chain).liquidate(LocalDeployment.loanKey(loanId)).encodeFunctionCall());
  }

  @Override
  public ChainTx submitDefaultLiquidation(String name, String loanId, String idempotencyKey) {
    Chain chain = chain(name);
    return send(name, loanId, idempotencyKey, config(name).vaultAddress(),
        vault(name, chain).liquidateDefaulted(LocalDeployment.loanKey(loanId)).encodeFunctionCall());
  }

  @Override
  public ChainTx submitLock(String name, String loanId, String debtUsd) {
    BigInteger debtWad = new BigDecimal(debtUsd).movePointRight(18).toBigIntegerExact();
    return send(name, loanId, "lock:" + loanId, config(name).vaultAddress(),
        vault(name, chain(name)).lock(LocalDeployment.loanKey(loanId), debtWad).encodeFunctionCall());
  }

  @Override
  public ChainTx submitDebtUpdate(String name, String loanId, String debtUsd, String idempotencyKey) {
    BigInteger debtWad = new BigDecimal(debtUsd).movePointRight(18).toBigIntegerExact();
    return send(name, loanId, idempotencyKey, config(name).vaultAddress(),
        vault(name, chain(name)).updateDebt(LocalDeployment.loanKey(loanId), debtWad).encodeFunctionCall());
  }

  @Override
  public ChainTx submitExpectDeposit(String name, String loanId, String walletAddress) {
    if (!WalletUtils.isValidAddress(walletAddress)) {
      throw ApplicationFailure.newNonRetryableFailure("not an address: " + walletAddress, "INVALID_ADDRESS");
    }
    return send(name, loanId, "expect-deposit:" + loanId, config(name).vaultAddress(),
        vault(name, chain(name)).expectDeposit(LocalDeployment.loanKey(loanId), walletAddress).encodeFunctionCall());
  }

  @Override
  public ChainTx submitRelease(String name, String loanId) {
    return send(name, loanId, "release:" + loanId, config(name).vaultAddress(),
        vault(name, chain(name)).release(LocalDeployment.loanKey(loanId)).encodeFunctionCall());
  }

  @Override
  public void markReleased(String loanId) {
    // Only after the release was mined: a reverted one (e.g. the vault paused) leaves it DEPOSITED, so
    // collateralChain still finds it and the release is tried again.
    if (jdbc.sql("update collateral_requirements set status = 'RELEASED' where loan_id = ? and status = 'DEPOSITED'")
        .param(UUID.fromString(loanId)).update() > 0) {
      audit.record("system:collateral", "COLLATERAL_RELEASED", "loan", loanId, Map.of());
    }
  }

  @Override
  public ChainTx submitPayout(WalletPayout payout) {
    ChainProperties.ChainConfig config = config(payout.chain());
    if (config.stablecoinAddress() == null || config.stablecoinAddress().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("chain " + payout.chain() + " has no stablecoin configured",
          FailureType.CHAIN_MISCONFIGURED.name());
    }
    if (!WalletUtils.isValidAddress(payout.walletAddress())) {
      throw ApplicationFailure.newNonRetryableFailure("not an address: " + payout.walletAddress(), "INVALID_ADDRESS");
    }
    Chain chain = chain(payout.chain());
    MockERC20 usd = MockERC20.load(config.stablecoinAddress(), chain.web3j(),
        new ReadonlyTransactionManager(chain.web3j(), operator(payout.chain()).getAddress()), chain.gas());
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
    Chain chain = chain(name);
    Credentials operator = operator(name);
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
      String raw = sign(chain, operator, nonce, fees, to, data);
      String hash = Hash.sha3(raw);
      int inserted = jdbc.sql("""
              insert into chain_transactions (idempotency_key, chain, loan_id, tx_hash, nonce, to_address, data,
                gas_price, priority_fee, raw_tx) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              on conflict (idempotency_key) do nothing""")
          .params(key, name, UUID.fromString(loanId), hash, nonce.longValueExact(), to, data,
              new BigDecimal(fees.maxFee()), fees.priority() == null ? null : new BigDecimal(fees.priority()), raw)
          .update();
      if (inserted == 1) {
        broadcast(chain, raw);
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

  /** An EIP-1559 (type 2) transaction where the chain has a base fee, a legacy one elsewhere. */
  private static String sign(Chain chain, Credentials operator, BigInteger nonce, Fees fees, String to, String data) {
    if (fees.priority() == null) {
      RawTransaction legacy = RawTransaction.createTransaction(nonce, fees.maxFee(), GAS_LIMIT, to, BigInteger.ZERO,
          data);
      return Numeric.toHexString(TransactionEncoder.signMessage(legacy, chain.chainId(), operator));
    }
    RawTransaction typed = RawTransaction.createTransaction(chain.chainId(), nonce, GAS_LIMIT, to, BigInteger.ZERO,
        data, fees.priority(), fees.maxFee());
    return Numeric.toHexString(TransactionEncoder.signMessage(typed, operator));
  }

  /** Sends a signed transaction; one the node already has (or already mined) is not an error. */
  private static void broadcast(Chain chain, String raw) throws IOException {
    EthSendTransaction sent = chain.web3j().ethSendRawTransaction(raw).send();
    if (sent.hasError()) {
      String message = String.valueOf(sent.getError().getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("already") || message.contains("nonce too low")) {
        return;
      }
      throw new IllegalStateException("send failed: " + sent.getError().getMessage());
    }
  }

  private void rebroadcast(String name, String key) {
    String raw = jdbc.sql("select raw_tx from chain_transactions where idempotency_key = ? and status = 'SUBMITTED'")
        .param(key).query(String.class).optional().orElse(null);
    if (raw == null) {
      return;
    }
    try {
      Chain chain = chain(name);
      if (chain.web3j().ethGetTransactionByHash(Hash.sha3(raw)).send().getTransaction().isEmpty()) {
        broadcast(chain, raw);
      }
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  private Optional<ChainTx> stored(String key) {
    return jdbc.sql("select idempotency_key, tx_hash, nonce from chain_transactions where idempotency_key = ?")
        .param(key).query((rs, n) -> new ChainTx(rs.getString(1), rs.getString(2), rs.getLong(3))).optional();
  }

  @Override
  public ChainTx resubmit(String name, String key, String previousTxHash) {
    Chain chain = chain(name);
    Credentials operator = operator(name);
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
      String raw = sign(chain, operator, nonce, bumped, (String) row[2], (String) row[3]);
      String hash = Hash.sha3(raw);
      jdbc.sql("""
              update chain_transactions set tx_hash = ?, nonce = ?, gas_price = ?, priority_fee = ?, raw_tx = ?,
                attempts = attempts + 1, replaced = array_append(replaced, tx_hash), submitted_at = now()
              where idempotency_key = ? and tx_hash = ?""")
          .params(hash, nonce.longValueExact(), new BigDecimal(bumped.maxFee()),
              bumped.priority() == null ? null : new BigDecimal(bumped.priority()), raw, key, previousTxHash)
          .update();
      broadcast(chain, raw);
      audit.record("system:chain", "TX_RESUBMITTED", "chain_transaction", key, Map.of("previous", previousTxHash,
          "txHash", hash, "nonce", nonce.toString(), "maxFeePerGas", bumped.maxFee().toString()));
      return stored(key).orElseThrow();
      } catch (IOException e) {
        throw new IllegalStateException("node unreachable: " + e, e);
      } finally {
        signer.unlock();
      }
  }

  @Override
  public TxOutcome awaitReceipt(String name, String txHash) {
    Chain chain = chain(name);
    try {
      Optional<TransactionReceipt> receipt = chain.web3j().ethGetTransactionReceipt(txHash).send()
          .getTransactionReceipt();
      if (receipt.isEmpty()) {
        throw unmined(name, chain, txHash);
      }
      long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long mined = receipt.get().getBlockNumber().longValueExact();
      if (head - mined + 1 < Math.max(1, config(name).confirmations())) {
        throw notYet(txHash + " has " + (head - mined + 1) + " confirmations", "AWAITING_CONFIRMATIONS");
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
        && submitted.get().plusSeconds(config(name).stuckAfter()).isBefore(Instant.now())) {
      return ApplicationFailure.newNonRetryableFailure(txHash + " unmined since " + submitted.get(),
          FailureType.TX_STUCK.name());
    }
    return notYet("no receipt yet for " + txHash, "AWAITING_RECEIPT");
  }

  /**
   * An answer polled for that is not there yet: retried by the caller's schedule, and benign, so the
   * routine wait (a receipt, a deposit) logs at DEBUG and counts no activity failure in the metrics.
   */
  private static ApplicationFailure notYet(String message, String type) {
    return ApplicationFailure.newBuilder().setMessage(message).setType(type)
        .setCategory(io.temporal.failure.ApplicationErrorCategory.BENIGN).build();
  }

  // --- reading events ---

  /** The vault's {@code event}s for the loan, scanned from the configured start block in bounded windows. */
  private List<Log> logs(String name, Chain chain, org.web3j.abi.datatypes.Event event, String loanId)
      throws IOException {
    ChainProperties.ChainConfig config = config(name);
    BigInteger latest = chain.web3j().ethBlockNumber().send().getBlockNumber();
    BigInteger window = BigInteger.valueOf(config.logWindow());
    List<Log> found = new ArrayList<>();
    for (BigInteger from = BigInteger.valueOf(config.startBlock()); from.compareTo(latest) <= 0;
        from = from.add(window)) {
      BigInteger to = from.add(window).subtract(BigInteger.ONE).min(latest);
      EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(from), DefaultBlockParameter.valueOf(to),
          config.vaultAddress());
      filter.addSingleTopic(EventEncoder.encode(event));
      filter.addSingleTopic(Numeric.toHexString(LocalDeployment.loanKey(loanId)));
      EthLog answer = chain.web3j().ethGetLogs(filter).send();
      if (answer.hasError()) {
        throw new IllegalStateException("eth_getLogs " + from + ".." + to + " on " + name + " refused: "
            + answer.getError().getMessage());
      }
      answer.getLogs().forEach(result -> found.add((Log) ((EthLog.LogResult<?>) result).get()));
    }
    return found;
  }

  @Override
  public LiquidationEvent liquidationEvent(String name, String loanId) {
    Chain chain = chain(name);
    try {
      List<Log> logs = logs(name, chain, CollateralVault.LIQUIDATED_EVENT, loanId);
      if (logs.isEmpty()) {
        throw ApplicationFailure.newFailure("no Liquidated event for " + loanId + " yet", "EVENT_NOT_FOUND");
      }
      Log log = logs.getFirst();
      var event = CollateralVault.getLiquidatedEventFromLog(log);
      return new LiquidationEvent(loanId, log.getTransactionHash(), event.seized.toString(), event.returned.toString(),
          event.debtUsd.toString(), event.price.toString(), name);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  /** The chain's collateral token's decimals, read once from the token the vault holds (18 when unknown). */
  private int collateralDecimals(String name) {
    if (name == null || properties.chains() == null || !properties.chains().containsKey(name)) {
      return 18;
    }
    return collateralDecimals.computeIfAbsent(name, n -> {
      try {
        Chain chain = chain(n);
        String token = vault(n, chain).collateralToken().send();
        return MockERC20.load(token, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), token), chain.gas())
            .decimals().send().intValue();
      } catch (Exception e) {
        throw new IllegalStateException("could not read the collateral token's decimals on " + n + ": " + e, e);
      }
    });
  }

  @Override
  public void recordAlert(String loanId, String message) {
    audit.record("system:collateral-monitor", "COLLATERAL_ALERT", "loan", loanId, Map.of("message", message));
  }

  @Override
  public String bookLiquidation(LiquidationEvent e) {
    // The record and its posting commit together, or neither does.
    return tx.execute(status -> book(e));
  }

  private String book(LiquidationEvent e) {
    // Seized is in the collateral token's own units (its decimals(), 8 for WBTC, 18 for WETH); the price
    // is USD in 1e18: proceeds = seized × price / 10^(decimals + 18), rounded down to the cent.
    BigDecimal proceeds = new BigDecimal(new BigInteger(e.seizedWei()).multiply(new BigInteger(e.priceWad())))
        .movePointLeft(collateralDecimals(e.chain()) + 18).setScale(2, RoundingMode.DOWN);
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

  // --- the collateralised product ---

  @Override
  public CollateralRequirement requireCollateral(CollateralRequest request) {
    Optional<CollateralRequirement> existing = requirement(request.loanId());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (!WalletUtils.isValidAddress(request.walletAddress())) {
      throw ApplicationFailure.newNonRetryableFailure("not an address: " + request.walletAddress(), "INVALID_ADDRESS");
    }
    Chain chain = chain(request.chain());
    CollateralVault vault = vault(request.chain(), chain);
    try {
      String token = vault.collateralToken().send();
      BigInteger price = priceWad(chain, vault.priceFeed().send(), heartbeat(config(request.chain()), vault));
      if (price == null) {
        throw new IllegalStateException("the collateral price on " + request.chain() + " is stale; asking again");
      }
      int decimals = MockERC20.load(token, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), token),
          chain.gas()).decimals().send().intValue();
      // Rounded up: the deposit is never worth less than 111 % of the debt at this price.
      BigInteger required = request.debt().amount().multiply(COLLATERAL_RATIO).movePointRight(18 + decimals)
          .divide(new BigDecimal(price), 0, RoundingMode.CEILING).toBigIntegerExact();
      Instant deadline = Instant.now().plusSeconds(request.windowSeconds());
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

  @Override
  public CollateralDeposit awaitDeposit(String name, String loanId) {
    Chain chain = chain(name);
    try {
      List<Log> logs = logs(name, chain, CollateralVault.DEPOSITED_EVENT, loanId);
      if (logs.isEmpty()) {
        throw notYet("no deposit for " + loanId + " yet", "AWAITING_DEPOSIT");
      }
      Log log = logs.getFirst();
      long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long mined = log.getBlockNumber().longValueExact();
      if (head - mined + 1 < Math.max(1, config(name).confirmations())) {
        throw notYet("the deposit for " + loanId + " has " + (head - mined + 1) + " confirmations",
            "AWAITING_DEPOSIT");
      }
      var event = CollateralVault.getDepositedEventFromLog(log);
      return new CollateralDeposit(loanId, event.borrower, event.amount.toString(), log.getTransactionHash(), mined);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  @Override
  public void recordDeposit(CollateralDeposit deposit, String status) {
    jdbc.sql("update collateral_requirements set deposited_wei = ?, deposit_tx = ?, status = ? where loan_id = ?")
        .params(new BigDecimal(deposit.amountWei()), deposit.txHash(), status, UUID.fromString(deposit.loanId()))
        .update();
    audit.record("system:chain", "COLLATERAL_" + status, "loan", deposit.loanId(), Map.of("txHash", deposit.txHash(),
        "amountWei", deposit.amountWei()));
  }

  @Override
  public void bookPayout(WalletPayout payout, String txHash) {
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

  @Override
  public void startLiquidation(LiquidationRequest request) {
    config(request.chain());
    Liquidations.start(temporal.get(), request);
  }

  @Override
  public String collateralChain(String loanId) {
    return jdbc.sql("select chain from collateral_requirements where loan_id = ? and status = 'DEPOSITED'")
        .param(UUID.fromString(loanId)).query(String.class).optional().orElse(null);
  }

  @Override
  public void startMonitor(String loanId, String applicationId, String chain) {
    config(chain);
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.collateralMonitor(loanId))
        .setTaskQueue(TaskQueues.CHAIN)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
    try {
      WorkflowClient.start(temporal.get().newWorkflowStub(CollateralMonitorWorkflow.class, options)::watch,
          new MonitorRequest(loanId, applicationId, chain, properties.collateral().monitorInterval()));
    } catch (WorkflowExecutionAlreadyStarted started) {
      // Started by an earlier attempt: the loan id is the business key.
    }
  }
}
