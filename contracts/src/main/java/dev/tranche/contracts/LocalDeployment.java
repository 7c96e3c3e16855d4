package dev.tranche.contracts;

import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.LiquidityPool;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.contracts.generated.MockPriceFeed;
import dev.tranche.contracts.generated.PaymentReceipts;
import dev.tranche.contracts.generated.PoolSharePriceFeed;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;

/**
 * The contracts deployed to a local chain: a collateral token, a USD stablecoin (1,000,000 minted to
 * the operator, who pays wallet disbursements), the vault's price feed, a second (reference) feed to
 * check it against, the vault (operator and admin: {@code operator}; heartbeat 1 h; threshold
 * 100 %; penalty 10 %), then the liquidity pool over the stablecoin (which the operator may pay back into) and
 * the payment receipts contract, and a faucet account holding 100,000,000 of the stablecoin for liquidity
 * providers on this chain, and a second vault whose collateral is the pool's shares (the LP token) priced by a
 * feed reading the share price. The pool, receipts, faucet and LP vault come last, so the earlier addresses stay
 * as they were.
 */
public record LocalDeployment(Credentials operator, String treasury, MockERC20 collateral, MockERC20 stablecoin,
    MockPriceFeed feed, MockPriceFeed reference, CollateralVault vault, LiquidityPool pool,
    PaymentReceipts receipts, Credentials faucet, PoolSharePriceFeed shareFeed, CollateralVault lpVault) {

  public static final BigInteger WAD = BigInteger.TEN.pow(18);

  public static LocalDeployment deploy(Chain chain, Credentials operator, long priceUsd) {
    return deploy(chain, operator, priceUsd, 18);
  }

  /** As above, with a collateral token of {@code collateralDecimals} (8 like WBTC, 18 like WETH). */
  public static LocalDeployment deploy(Chain chain, Credentials operator, long priceUsd, int collateralDecimals) {
    try {
      var tx = chain.signer(operator);
      var gas = chain.gas();
      String treasury = chain.fundedAccount().getAddress();
      MockERC20 collateral = MockERC20.deploy(chain.web3j(), tx, gas,
          collateralDecimals == 18 ? "Wrapped Ether" : "Wrapped Bitcoin", collateralDecimals == 18 ? "WETH" : "WBTC",
          BigInteger.valueOf(collateralDecimals)).send();
      MockERC20 stablecoin = MockERC20.deploy(chain.web3j(), tx, gas, "USD Coin", "USDC", BigInteger.valueOf(6)).send();
      MockPriceFeed feed = MockPriceFeed.deploy(chain.web3j(), tx, gas, BigInteger.valueOf(8),
          BigInteger.valueOf(priceUsd).multiply(BigInteger.TEN.pow(8))).send();
      MockPriceFeed reference = MockPriceFeed.deploy(chain.web3j(), tx, gas, BigInteger.valueOf(8),
          BigInteger.valueOf(priceUsd).multiply(BigInteger.TEN.pow(8))).send();
      stablecoin.mint(operator.getAddress(), BigInteger.valueOf(1_000_000).multiply(BigInteger.TEN.pow(6))).send();
      CollateralVault vault = CollateralVault.deploy(chain.web3j(), tx, gas, operator.getAddress(),
          operator.getAddress(), collateral.getContractAddress(), feed.getContractAddress(), BigInteger.valueOf(3600),
          BigInteger.valueOf(10_000), BigInteger.valueOf(1_000), treasury).send();
      LiquidityPool pool = LiquidityPool.deploy(chain.web3j(), tx, gas, stablecoin.getContractAddress(),
          operator.getAddress(), operator.getAddress()).send();
      PaymentReceipts receipts = PaymentReceipts.deploy(chain.web3j(), tx, gas, operator.getAddress(),
          operator.getAddress()).send();
      stablecoin.approve(pool.getContractAddress(), BigInteger.TWO.pow(255)).send();
      Credentials faucet = chain.fundedAccount();
      stablecoin.mint(faucet.getAddress(), BigInteger.valueOf(100_000_000).multiply(BigInteger.TEN.pow(6))).send();
      // LP tokens as collateral: a second vault over the pool's shares, priced at the share price.
      PoolSharePriceFeed shareFeed = PoolSharePriceFeed.deploy(chain.web3j(), tx, gas, pool.getContractAddress())
          .send();
      CollateralVault lpVault = CollateralVault.deploy(chain.web3j(), tx, gas, operator.getAddress(),
          operator.getAddress(), pool.getContractAddress(), shareFeed.getContractAddress(), BigInteger.valueOf(3600),
          BigInteger.valueOf(10_000), BigInteger.valueOf(1_000), treasury).send();
      return new LocalDeployment(operator, treasury, collateral, stablecoin, feed, reference, vault, pool, receipts,
          faucet, shareFeed, lpVault);
    } catch (Exception e) {
      throw new IllegalStateException("deployment failed", e);
    }
  }

  /**
   * The configuration that wires this deployment in as chain {@code name} ({@code tranche.chains.{name}.*}):
   * node, chain id, vault, the operator's key, one confirmation, the reference feed and the stablecoin.
   */
  public java.util.Map<String, String> chainProperties(String name, String rpcUrl, long chainId) {
    String prefix = "tranche.chains." + name + ".";
    java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put(prefix + "rpc-url", rpcUrl);
    properties.put(prefix + "chain-id", String.valueOf(chainId));
    properties.put(prefix + "vault-address", vault.getContractAddress());
    properties.put(prefix + "operator-key", Chain.privateKeyHex(operator));
    properties.put(prefix + "confirmations", "1");
    properties.put(prefix + "reference-feed-address", reference.getContractAddress());
    properties.put(prefix + "max-deviation-bps", "500");
    properties.put(prefix + "stablecoin-address", stablecoin.getContractAddress());
    properties.put(prefix + "pool-address", pool.getContractAddress());
    properties.put(prefix + "receipts-address", receipts.getContractAddress());
    properties.put("tranche.dev.stablecoin-faucet-key", Chain.privateKeyHex(faucet));
    // The LP-token vault is another entry on the same node: every vault operation works on it by name.
    String lp = "tranche.chains." + name + "lp.";
    properties.put(lp + "rpc-url", rpcUrl);
    properties.put(lp + "chain-id", String.valueOf(chainId));
    properties.put(lp + "vault-address", lpVault.getContractAddress());
    properties.put(lp + "operator-key", Chain.privateKeyHex(operator));
    properties.put(lp + "confirmations", "1");
    properties.put(lp + "reference-feed-address", shareFeed.getContractAddress());
    properties.put(lp + "stablecoin-address", stablecoin.getContractAddress());
    return properties;
  }

  /**
   * A liquidity provider: a new account given {@code usdUnits} of the stablecoin by the faucet, deposited into
   * the pool; returns its address (its shares are the LP token).
   */
  public String provideLiquidity(Chain chain, BigInteger usdUnits) {
    return liquidityProvider(chain, faucet, stablecoin.getContractAddress(), pool.getContractAddress(), usdUnits)
        .getAddress();
  }

  /** As above, for a deployment known by its addresses and its faucet's key (the embedded run's dev endpoint). */
  public static String provideLiquidity(Chain chain, Credentials faucet, String stablecoin, String pool,
      BigInteger usdUnits) {
    return liquidityProvider(chain, faucet, stablecoin, pool, usdUnits).getAddress();
  }

  /** As above, answering the provider's keys (a test pledging its LP tokens signs with them). */
  public static Credentials liquidityProvider(Chain chain, Credentials faucet, String stablecoin, String pool,
      BigInteger usdUnits) {
    try {
      // The faucet pays, not the operator: the operator's nonces belong to the platform's signer.
      Credentials provider = chain.fundedAccount();
      synchronized (LocalDeployment.class) {
        MockERC20.load(stablecoin, chain.web3j(), chain.signer(faucet), chain.gas())
            .transfer(provider.getAddress(), usdUnits).send();
      }
      MockERC20.load(stablecoin, chain.web3j(), chain.signer(provider), chain.gas()).approve(pool, usdUnits).send();
      LiquidityPool.load(pool, chain.web3j(), chain.signer(provider), chain.gas())
          .deposit(usdUnits, provider.getAddress()).send();
      return provider;
    } catch (Exception e) {
      throw new IllegalStateException("the liquidity provider's deposit failed: " + e.getMessage(), e);
    }
  }

  /** Moves both feeds (the vault's and the reference) to {@code usd}, as a real market move would. */
  public void setPrice(long usd) {
    try {
      BigInteger answer = BigInteger.valueOf(usd).multiply(BigInteger.TEN.pow(8));
      // The reference feed first: the vault feed's new round is what wakes the price watcher, and a sweep that
      // found the two feeds apart would trust neither and start nothing until the next round.
      reference.setAnswer(answer).send();
      feed.setAnswer(answer).send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mints {@code amount} of collateral to {@code borrower} and approves the vault to take it. */
  public void fundBorrower(Chain chain, Credentials borrower, BigInteger amount) {
    try {
      collateral.mint(borrower.getAddress(), amount).send();
      MockERC20.load(collateral.getContractAddress(), chain.web3j(), chain.signer(borrower), chain.gas())
          .approve(vault.getContractAddress(), amount).send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code borrower} deposits {@code amount} for {@code loanId} (already funded and approved). */
  public void deposit(Chain chain, Credentials borrower, String loanId, BigInteger amount) {
    deposit(chain, borrower, loanKey(loanId), amount);
  }

  private void deposit(Chain chain, Credentials borrower, byte[] key, BigInteger amount) {
    try {
      CollateralVault.load(vault.getContractAddress(), chain.web3j(), chain.signer(borrower), chain.gas())
          .deposit(key, amount).send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A borrower funded with collateral who deposited {@code ether} for {@code loanId}, registered first
   * as the position's only depositor, as the platform does before it asks for the deposit.
   */
  public Credentials borrowerWithDeposit(Chain chain, byte[] loanId, long ether) {
    Credentials borrower = chain.fundedAccount();
    BigInteger amount = BigInteger.valueOf(ether).multiply(WAD);
    fundBorrower(chain, borrower, amount);
    try {
      vault.expectDeposit(loanId, borrower.getAddress()).send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    deposit(chain, borrower, loanId, amount);
    return borrower;
  }

  /** The vault's key for a loan: the loan id's 16 UUID bytes, left-aligned in 32. */
  public static byte[] loanKey(String loanId) {
    java.util.UUID uuid = java.util.UUID.fromString(loanId);
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(32);
    buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return buffer.array();
  }
}
