package dev.tranche.activities.chain;

import dev.tranche.chain.CollateralDeposit;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.OnChainPosition;
import dev.tranche.chain.VaultStatus;
import dev.tranche.common.FailureType;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.contracts.generated.MockPriceFeed;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * Reads the vault: a loan's position and health, whether the price can be trusted (fresh, and close to
 * the reference feed), its events scanned in bounded block windows, and the collateral token's decimals.
 */
final class VaultReader {

  private static final BigInteger WAD = BigInteger.TEN.pow(18);
  private final Map<String, Integer> collateralDecimals = new ConcurrentHashMap<>();
  private final Map<String, MockPriceFeed> feeds = new ConcurrentHashMap<>();
  private final ChainNodes nodes;

  VaultReader(ChainNodes nodes) {
    this.nodes = nodes;
  }

  OnChainPosition readPosition(String name, String loanId) {
    Chain chain = nodes.chain(name);
    CollateralVault vault = nodes.vault(name, chain);
    byte[] key = LocalDeployment.loanKey(loanId);
    try {
      CollateralVault.Position p = vault.position(key).send();
      VaultStatus status = VaultStatus.values()[p.status.intValue()];
      String healthFactor = null;
      String problem = null;
      String price = null;
      if (status == VaultStatus.LOCKED) {
        String revert = chain.revertSelector(nodes.operator(name).getAddress(), vault.getContractAddress(),
            vault.healthFactor(key).encodeFunctionCall());
        if (revert == null) {
          PriceRead read = readPrice(name, chain, vault);
          problem = read.problem();
          price = read.priceWad() == null ? null : read.priceWad().toString();
          healthFactor = problem == null ? vault.healthFactor(key).send().toString() : null;
        } else {
          problem = revert.equals(Chain.selector("StalePrice(uint256,uint256)")) ? "STALE_PRICE" : revert;
        }
      }
      return new OnChainPosition(loanId, status, p.collateral.toString(), p.debtUsd.toString(), healthFactor, problem,
          price);
    } catch (ApplicationFailure f) {
      throw f;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the position of " + loanId + " on " + name + ": " + e, e);
    }
  }

  /** The latest round id of the chain's vault feed (the feed is looked up from the vault once, then polled). */
  long feedRound(String name) {
    Chain chain = nodes.chain(name);
    try {
      MockPriceFeed feed = feeds.get(name);
      if (feed == null) {
        String address = nodes.vault(name, chain).priceFeed().send();
        feed = MockPriceFeed.load(address, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), address),
            chain.gas());
        feeds.put(name, feed);
      }
      return feed.latestRoundData().send().component1().longValueExact();
    } catch (Exception e) {
      throw new IllegalStateException("could not read the price feed of " + name + ": " + e, e);
    }
  }

  /** The vault feed's price (null when stale) and why it is not trusted (null when it is). */
  record PriceRead(BigInteger priceWad, String problem) {
  }

  /**
   * The vault's feed price, trusted when it is no older than the chain's configured heartbeat and agrees
   * with the chain's reference feed within the configured bound (when one is configured); else with why not.
   */
  PriceRead readPrice(String name, Chain chain, CollateralVault vault) throws Exception {
    ChainProperties.ChainConfig config = nodes.config(name);
    BigInteger heartbeat = heartbeat(config, vault);
    BigInteger primary = priceWad(chain, vault.priceFeed().send(), config.heartbeatSeconds() > 0 ? heartbeat : null);
    if (primary == null) {
      return new PriceRead(null, "STALE_PRICE");
    }
    if (config.referenceFeedAddress() == null || config.referenceFeedAddress().isBlank()) {
      return new PriceRead(primary, null);
    }
    BigInteger reference = priceWad(chain, config.referenceFeedAddress(), heartbeat);
    if (reference == null) {
      return new PriceRead(primary, "REFERENCE_STALE");
    }
    BigInteger bps = primary.subtract(reference).abs().multiply(BigInteger.valueOf(10_000)).divide(reference);
    return new PriceRead(primary, bps.compareTo(BigInteger.valueOf(config.maxDeviation())) > 0 ? "PRICE_DEVIATION" : null);
  }

  /** The configured heartbeat, else the vault's. */
  static BigInteger heartbeat(ChainProperties.ChainConfig config, CollateralVault vault) throws Exception {
    return config.heartbeatSeconds() > 0 ? BigInteger.valueOf(config.heartbeatSeconds()) : vault.heartbeat().send();
  }

  /** A Chainlink-shaped feed's answer in 1e18; null when older than {@code heartbeat} seconds (if given). */
  BigInteger priceWad(Chain chain, String feedAddress, BigInteger heartbeat) throws Exception {
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
          FailureType.PRICE_INVALID.name());
    }
    return round.component2().multiply(WAD).divide(BigInteger.TEN.pow(feed.decimals().send().intValue()));
  }

  // --- reading events ---

  /** The vault's {@code event}s for the loan, scanned from the configured start block in bounded windows. */
  private List<Log> logs(String name, Chain chain, org.web3j.abi.datatypes.Event event, String loanId)
      throws IOException {
    ChainProperties.ChainConfig config = nodes.config(name);
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

  LiquidationEvent liquidationEvent(String name, String loanId) {
    Chain chain = nodes.chain(name);
    try {
      List<Log> logs = logs(name, chain, CollateralVault.LIQUIDATED_EVENT, loanId);
      if (logs.isEmpty()) {
        throw ApplicationFailure.newFailure("no Liquidated event for " + loanId + " yet",
            FailureType.EVENT_NOT_FOUND.name());
      }
      Log log = logs.getFirst();
      var event = CollateralVault.getLiquidatedEventFromLog(log);
      return new LiquidationEvent(loanId, log.getTransactionHash(), event.seized.toString(), event.returned.toString(),
          event.debtUsd.toString(), event.price.toString(), name);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  CollateralDeposit awaitDeposit(String name, String loanId) {
    Chain chain = nodes.chain(name);
    try {
      List<Log> logs = logs(name, chain, CollateralVault.DEPOSITED_EVENT, loanId);
      if (logs.isEmpty()) {
        throw ChainNodes.notYet("no deposit for " + loanId + " yet", "AWAITING_DEPOSIT");
      }
      Log log = logs.getFirst();
      long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
      long mined = log.getBlockNumber().longValueExact();
      if (head - mined + 1 < Math.max(1, nodes.config(name).confirmations())) {
        throw ChainNodes.notYet("the deposit for " + loanId + " has " + (head - mined + 1) + " confirmations",
            "AWAITING_DEPOSIT");
      }
      var event = CollateralVault.getDepositedEventFromLog(log);
      return new CollateralDeposit(loanId, event.borrower, event.amount.toString(), log.getTransactionHash(), mined);
    } catch (IOException e) {
      throw new IllegalStateException("node unreachable: " + e, e);
    }
  }

  /** The chain's collateral token's decimals, read once from the token the vault holds (18 when unknown). */
  int collateralDecimals(String name) {
    if (!nodes.configured(name)) {
      return 18;
    }
    return collateralDecimals.computeIfAbsent(name, n -> {
      try {
        Chain chain = nodes.chain(n);
        String token = nodes.vault(n, chain).collateralToken().send();
        return MockERC20.load(token, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), token), chain.gas())
            .decimals().send().intValue();
      } catch (Exception e) {
        throw new IllegalStateException("could not read the collateral token's decimals on " + n + ": " + e, e);
      }
    });
  }
}
