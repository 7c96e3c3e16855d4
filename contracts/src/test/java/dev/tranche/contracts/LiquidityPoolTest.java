package dev.tranche.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.LiquidityPool;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.contracts.generated.PoolSharePriceFeed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * The liquidity pool (ERC-4626 over a 6-decimal stablecoin) on a real anvil node: deposits mint shares,
 * withdrawals stop at idle liquidity, a draw leaves the share price alone, a repayment with interest
 * raises it by the interest, a write-off lowers it by the loss, a receipt is accepted once, and only the
 * operator moves the pool's money.
 */
class LiquidityPoolTest {

  private static final BigInteger USDC = BigInteger.TEN.pow(6);
  private static AnvilNode node;
  private static Chain chain;

  private Credentials operator;
  private Credentials provider;
  private String borrower;
  private MockERC20 stablecoin;
  private LiquidityPool pool;
  private LiquidityPool poolAsProvider;

  @BeforeAll
  static void startNode() {
    node = AnvilNode.start(31337, 0);
    chain = new Chain(node.rpcUrl());
  }

  @AfterAll
  static void stopNode() {
    chain.close();
    node.close();
  }

  @BeforeEach
  void deploy() throws Exception {
    operator = chain.fundedAccount();
    provider = chain.fundedAccount();
    borrower = chain.fundedAccount().getAddress();
    var asOperator = chain.signer(operator);
    stablecoin = MockERC20.deploy(chain.web3j(), asOperator, chain.gas(), "USD Coin", "USDC", BigInteger.valueOf(6))
        .send();
    pool = LiquidityPool.deploy(chain.web3j(), asOperator, chain.gas(), stablecoin.getContractAddress(),
        operator.getAddress(), operator.getAddress()).send();
    poolAsProvider = LiquidityPool.load(pool.getContractAddress(), chain.web3j(), chain.signer(provider), chain.gas());
    stablecoin.mint(provider.getAddress(), usdc(10_000)).send();
    stablecoin.mint(operator.getAddress(), usdc(10_000)).send(); // what borrowers repaid, to return to the pool
    MockERC20.load(stablecoin.getContractAddress(), chain.web3j(), chain.signer(provider), chain.gas())
        .approve(pool.getContractAddress(), usdc(10_000)).send();
    stablecoin.approve(pool.getContractAddress(), usdc(1_000_000)).send();
    poolAsProvider.deposit(usdc(10_000), provider.getAddress()).send();
  }

  private static BigInteger usdc(long whole) {
    return BigInteger.valueOf(whole).multiply(USDC);
  }

  private static byte[] key(String name) {
    return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
  }

  private BigInteger providerValue() throws Exception {
    return pool.convertToAssets(pool.balanceOf(provider.getAddress()).send()).send();
  }

  private String revert(Credentials from, String data) {
    return chain.revertSelector(from.getAddress(), pool.getContractAddress(), data);
  }

  @Test
  void a_deposit_mints_shares_one_for_one_on_an_empty_pool() throws Exception {
    assertThat(pool.balanceOf(provider.getAddress()).send()).isEqualTo(usdc(10_000));
    assertThat(pool.totalAssets().send()).isEqualTo(usdc(10_000));
    assertThat(pool.idleLiquidity().send()).isEqualTo(usdc(10_000));
    assertThat(pool.symbol().send()).isEqualTo("tLP");
  }

  @Test
  void a_draw_pays_out_idle_liquidity_and_leaves_the_share_price_while_withdrawals_stop_at_what_is_idle()
      throws Exception {
    pool.draw(key("loan-1"), usdc(6_000), borrower).send();
    assertThat(stablecoin.balanceOf(borrower).send()).isEqualTo(usdc(6_000));
    assertThat(pool.totalAssets().send()).isEqualTo(usdc(10_000));
    assertThat(pool.outstandingPrincipal().send()).isEqualTo(usdc(6_000));
    assertThat(pool.utilisationBps().send()).isEqualTo(BigInteger.valueOf(6_000));
    assertThat(providerValue()).isEqualTo(usdc(10_000));

    assertThat(pool.maxWithdraw(provider.getAddress()).send()).isEqualTo(usdc(4_000));
    assertThat(revert(provider, pool.withdraw(usdc(5_000), provider.getAddress(), provider.getAddress())
        .encodeFunctionCall())).isEqualTo(Chain.selector("ERC4626ExceededMaxWithdraw(address,uint256,uint256)"));
    poolAsProvider.withdraw(usdc(4_000), provider.getAddress(), provider.getAddress()).send();
    assertThat(stablecoin.balanceOf(provider.getAddress()).send()).isEqualTo(usdc(4_000));
    assertThat(revert(operator, pool.draw(key("loan-2"), BigInteger.ONE, borrower).encodeFunctionCall()))
        .isEqualTo(Chain.selector("InsufficientLiquidity(uint256,uint256)"));
  }

  @Test
  void a_repayment_with_interest_raises_the_share_value_by_the_interest_and_counts_its_receipt_once()
      throws Exception {
    pool.draw(key("loan-1"), usdc(6_000), borrower).send();
    byte[] receipt = key("ledger-transfer-1");
    BigInteger interest = BigInteger.valueOf(300_250_000L); // 300.25
    var repaid = pool.repay(key("loan-1"), usdc(6_000), interest, receipt).send();
    assertThat(LiquidityPool.getRepaidEvents(repaid)).singleElement().satisfies(e -> {
      assertThat(e.receipt).isEqualTo(receipt);
      assertThat(e.interest).isEqualTo(interest);
    });
    assertThat(pool.totalAssets().send()).isEqualTo(usdc(10_000).add(interest));
    assertThat(pool.outstandingPrincipal().send()).isZero();
    // ERC-4626 rounds in the pool's favour: the provider's value is the interest, less at most one unit.
    assertThat(providerValue()).isBetween(usdc(10_000).add(interest).subtract(BigInteger.ONE),
        usdc(10_000).add(interest));
    assertThat(pool.receipts(receipt).send()).isTrue();
    assertThat(revert(operator, pool.repay(key("loan-1"), BigInteger.ZERO, BigInteger.ONE, receipt)
        .encodeFunctionCall())).isEqualTo(Chain.selector("DuplicateReceipt(bytes32)"));
    assertThat(revert(operator, pool.repay(key("loan-1"), BigInteger.ONE, BigInteger.ZERO, key("other"))
        .encodeFunctionCall())).isEqualTo(Chain.selector("ExceedsDrawn(bytes32,uint256,uint256)"));
  }

  @Test
  void a_write_off_lowers_the_share_value_by_the_loss() throws Exception {
    pool.draw(key("loan-1"), usdc(2_000), borrower).send();
    pool.writeOff(key("loan-1"), usdc(500)).send();
    assertThat(pool.totalAssets().send()).isEqualTo(usdc(9_500));
    assertThat(pool.drawn(key("loan-1")).send()).isEqualTo(usdc(1_500));
    assertThat(providerValue()).isBetween(usdc(9_500).subtract(BigInteger.ONE), usdc(9_500));
    assertThat(revert(operator, pool.writeOff(key("loan-1"), usdc(1_501)).encodeFunctionCall()))
        .isEqualTo(Chain.selector("ExceedsDrawn(bytes32,uint256,uint256)"));
  }

  @Test
  void only_the_operator_draws_repays_and_writes_off() {
    String unauthorized = Chain.selector("AccessControlUnauthorizedAccount(address,bytes32)");
    assertThat(revert(provider, pool.draw(key("loan-1"), usdc(1), provider.getAddress()).encodeFunctionCall()))
        .isEqualTo(unauthorized);
    assertThat(revert(provider, pool.writeOff(key("loan-1"), usdc(1)).encodeFunctionCall())).isEqualTo(unauthorized);
    assertThat(revert(provider, pool.repay(key("loan-1"), BigInteger.ZERO, usdc(1), key("r")).encodeFunctionCall()))
        .isEqualTo(unauthorized);
  }

  @Test
  void lp_tokens_held_as_collateral_are_priced_at_the_share_price_and_liquidated_when_a_loss_takes_them_below_one()
      throws Exception {
    PoolSharePriceFeed shareFeed = PoolSharePriceFeed.deploy(chain.web3j(), chain.signer(operator), chain.gas(),
        pool.getContractAddress()).send();
    CollateralVault lpVault = CollateralVault.deploy(chain.web3j(), chain.signer(operator), chain.gas(),
        operator.getAddress(), operator.getAddress(), pool.getContractAddress(), shareFeed.getContractAddress(),
        BigInteger.valueOf(3600), BigInteger.valueOf(10_000), BigInteger.valueOf(1_000), operator.getAddress()).send();
    assertThat(shareFeed.latestRoundData().send().component2()).isEqualTo(BigInteger.valueOf(100_000_000));

    // The provider pledges 1,110 shares (111 %) for a 1,000.00 bill.
    byte[] bill = key("bill-1");
    lpVault.expectDeposit(bill, provider.getAddress()).send();
    LiquidityPool.load(pool.getContractAddress(), chain.web3j(), chain.signer(provider), chain.gas())
        .approve(lpVault.getContractAddress(), usdc(1_110)).send();
    CollateralVault.load(lpVault.getContractAddress(), chain.web3j(), chain.signer(provider), chain.gas())
        .deposit(bill, usdc(1_110)).send();
    lpVault.lock(bill, BigInteger.valueOf(1_000).multiply(BigInteger.TEN.pow(18))).send();
    assertThat(lpVault.healthFactor(bill).send()).isEqualTo(new BigInteger("1110000000000000000"));
    assertThat(chain.revertSelector(operator.getAddress(), lpVault.getContractAddress(),
        lpVault.liquidate(bill).encodeFunctionCall())).isEqualTo(Chain.selector("PositionHealthy(bytes32,uint256)"));

    // A loss of 1,000 on 10,000 takes the share price to 0.90: 1,110 shares cover 999.00, below 1.0.
    pool.draw(key("loan-9"), usdc(1_000), borrower).send();
    pool.writeOff(key("loan-9"), usdc(1_000)).send();
    assertThat(shareFeed.latestRoundData().send().component2()).isEqualTo(BigInteger.valueOf(90_000_000));
    assertThat(lpVault.healthFactor(bill).send()).isLessThan(BigInteger.TEN.pow(18));
    var liquidated = lpVault.liquidate(bill).send();
    assertThat(CollateralVault.getLiquidatedEvents(liquidated)).singleElement()
        .satisfies(e -> assertThat(e.seized).isEqualTo(usdc(1_110)));
  }
}
