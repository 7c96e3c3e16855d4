package dev.tranche.activities.chain;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Chains are configuration, not code: each named chain has its RPC URL, expected chain id, vault
 * address, the operator's key, how many confirmations a transaction needs, how long a transaction
 * may wait in the pool before it is sent again with a higher fee, a second price source with the
 * largest deviation from the vault's feed that is still trusted, and a heartbeat: the oldest price
 * the platform uses (0: the vault's own heartbeat, which the contract enforces in any case); optionally the
 * liquidity pool Tranche draws from and the receipts contract repayments are recorded on.
 */
@ConfigurationProperties("tranche")
public record ChainProperties(Map<String, ChainConfig> chains, Collateral collateral) {

  @ConstructorBinding
  public ChainProperties {
    collateral = collateral == null ? new Collateral(0, 0) : collateral;
  }

  public ChainProperties(Map<String, ChainConfig> chains) {
    this(chains, null);
  }

  /**
   * The collateralised product: how often each loan's monitor reads its position for margin calls (default 60 s),
   * and how often the feed listener asks each vault's price feed for a new round (default 250 ms; the price watcher
   * sweeps every open position on each).
   */
  public record Collateral(long monitorIntervalSeconds, long pricePollMillis) {

    public long monitorInterval() {
      return monitorIntervalSeconds > 0 ? monitorIntervalSeconds : 60;
    }

    public long pricePoll() {
      return pricePollMillis > 0 ? pricePollMillis : 250;
    }
  }

  /** One chain. */
  public record ChainConfig(String rpcUrl, long chainId, String vaultAddress, String operatorKey, int confirmations,
      long stuckAfterSeconds, String referenceFeedAddress, int maxDeviationBps, String stablecoinAddress,
      long heartbeatSeconds, long startBlock, long logWindowBlocks, String poolAddress, String receiptsAddress) {

    @ConstructorBinding
    public ChainConfig {
    }

    public ChainConfig(String rpcUrl, long chainId, String vaultAddress, String operatorKey, int confirmations,
        long stuckAfterSeconds, String referenceFeedAddress, int maxDeviationBps, String stablecoinAddress,
        long heartbeatSeconds, long startBlock, long logWindowBlocks) {
      this(rpcUrl, chainId, vaultAddress, operatorKey, confirmations, stuckAfterSeconds, referenceFeedAddress,
          maxDeviationBps, stablecoinAddress, heartbeatSeconds, startBlock, logWindowBlocks, null, null);
    }

    /** Whether this chain has a liquidity pool (the DeFi lender) Tranche may draw from. */
    public boolean hasPool() {
      return poolAddress != null && !poolAddress.isBlank();
    }

    public ChainConfig(String rpcUrl, long chainId, String vaultAddress, String operatorKey, int confirmations,
        long stuckAfterSeconds, String referenceFeedAddress, int maxDeviationBps, String stablecoinAddress,
        long heartbeatSeconds) {
      this(rpcUrl, chainId, vaultAddress, operatorKey, confirmations, stuckAfterSeconds, referenceFeedAddress,
          maxDeviationBps, stablecoinAddress, heartbeatSeconds, 0, 0);
    }

    public ChainConfig(String rpcUrl, long chainId, String vaultAddress, String operatorKey, int confirmations) {
      this(rpcUrl, chainId, vaultAddress, operatorKey, confirmations, 0, null, 0, null, 0);
    }

    /**
     * How many blocks one {@code eth_getLogs} asks for (default 2,000): public providers refuse wide
     * ranges, so the vault's events are scanned from {@code startBlock} (its deployment) in windows.
     */
    public long logWindow() {
      return logWindowBlocks > 0 ? logWindowBlocks : 2_000;
    }


    /** Seconds a sent transaction may stay unmined before it is replaced (default 120). */
    public long stuckAfter() {
      return stuckAfterSeconds > 0 ? stuckAfterSeconds : 120;
    }

    /** The largest deviation between the vault's feed and the reference, in basis points (default 500). */
    public int maxDeviation() {
      return maxDeviationBps > 0 ? maxDeviationBps : 500;
    }
  }
}
