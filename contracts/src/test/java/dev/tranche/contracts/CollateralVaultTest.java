package dev.tranche.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.contracts.generated.MockPriceFeed;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The vault on a real local EVM node (anvil from npm), through the generated web3j wrappers:
 * deposit, lock, the health factor, liquidation with its penalty and refund, and every refusal
 * (healthy, stale price, already liquidated, paused, wrong role) by its custom error.
 */
class CollateralVaultTest {

  private static final BigInteger WAD = BigInteger.TEN.pow(18);
  private static final BigInteger PRICE_2000 = BigInteger.valueOf(2000).multiply(BigInteger.TEN.pow(8));
  private static AnvilNode node;
  private static Chain chain;

  private Credentials admin;
  private Credentials borrower;
  private String treasury;
  private MockERC20 weth;
  private MockPriceFeed feed;
  private CollateralVault vault;
  private CollateralVault vaultAsBorrower;

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
    admin = chain.fundedAccount();
    borrower = chain.fundedAccount();
    treasury = chain.fundedAccount().getAddress();
    var asAdmin = chain.signer(admin);
    weth = MockERC20.deploy(chain.web3j(), asAdmin, chain.gas(), "Wrapped Ether", "WETH", BigInteger.valueOf(18))
        .send();
    feed = MockPriceFeed.deploy(chain.web3j(), asAdmin, chain.gas(), BigInteger.valueOf(8), PRICE_2000).send();
    // Liquidation threshold 100 %: a loan at the product's 111 % collateral ratio starts at HF 1.11.
    vault = CollateralVault.deploy(chain.web3j(), asAdmin, chain.gas(), admin.getAddress(), admin.getAddress(),
        weth.getContractAddress(), feed.getContractAddress(), BigInteger.valueOf(3600), BigInteger.valueOf(10_000),
        BigInteger.valueOf(1_000), treasury).send();
    vaultAsBorrower = CollateralVault.load(vault.getContractAddress(), chain.web3j(), chain.signer(borrower),
        chain.gas());
    weth.mint(borrower.getAddress(), ether(10)).send();
    MockERC20.load(weth.getContractAddress(), chain.web3j(), chain.signer(borrower), chain.gas())
        .approve(vault.getContractAddress(), ether(10)).send();
  }

  private static BigInteger ether(long n) {
    return BigInteger.valueOf(n).multiply(WAD);
  }

  private static byte[] loanId() {
    return Arrays.copyOf(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), 32);
  }

  /** A loan whose position only the borrower's wallet may deposit into, as the platform registers it. */
  private byte[] expectedLoan() throws Exception {
    return expected(vault);
  }

  private byte[] expected(CollateralVault by) throws Exception {
    byte[] loan = loanId();
    by.expectDeposit(loan, borrower.getAddress()).send();
    return loan;
  }

  private String revert(Credentials from, String data) {
    return chain.revertSelector(from.getAddress(), vault.getContractAddress(), data);
  }

  @Test
  void the_node_reports_the_configured_chain_id() {
    assertThat(chain.chainId()).isEqualTo(31337);
  }

  @Test
  void an_unsafe_position_is_liquidated_once_with_the_penalty_and_the_rest_returned() throws Exception {
    byte[] loan = expectedLoan();
    TransactionReceipt deposited = vaultAsBorrower.deposit(loan, ether(1)).send();
    assertThat(CollateralVault.getDepositedEvents(deposited)).singleElement()
        .satisfies(e -> assertThat(e.amount).isEqualTo(ether(1)));
    // 1 WETH at 2,000 USD backs 1,800 USD of debt: 111 % collateral, HF 1.111.
    vault.lock(loan, ether(1800)).send();
    assertThat(vault.healthFactor(loan).send()).isEqualTo(new BigInteger("1111111111111111111"));
    assertThat(revert(admin, vault.liquidate(loan).encodeFunctionCall()))
        .isEqualTo(Chain.selector("PositionHealthy(bytes32,uint256)"));

    feed.setAnswer(BigInteger.valueOf(1500).multiply(BigInteger.TEN.pow(8))).send();
    assertThat(vault.healthFactor(loan).send()).isLessThan(WAD);
    TransactionReceipt liquidated = vault.liquidate(loan).send();

    var event = CollateralVault.getLiquidatedEvents(liquidated).getFirst();
    // 1,800 × 1.10 = 1,980 USD of collateral at 1,500 USD = 1.32 WETH > 1 WETH: all of it is seized.
    assertThat(event.seized).isEqualTo(ether(1));
    assertThat(event.returned).isZero();
    assertThat(weth.balanceOf(treasury).send()).isEqualTo(ether(1));
    assertThat(revert(admin, vault.liquidate(loan).encodeFunctionCall()))
        .isEqualTo(Chain.selector("WrongStatus(bytes32,uint8)"));
  }

  @Test
  void a_partial_seizure_returns_the_rest_to_the_borrower() throws Exception {
    // At a 100 % threshold an unsafe position is worth less than debt + 10 %, so everything goes;
    // a vault with an 80 % threshold liquidates while there is collateral left to return.
    CollateralVault lenient = CollateralVault.deploy(chain.web3j(), chain.signer(admin), chain.gas(),
        admin.getAddress(), admin.getAddress(), weth.getContractAddress(), feed.getContractAddress(),
        BigInteger.valueOf(3600), BigInteger.valueOf(8_000), BigInteger.valueOf(1_000), treasury).send();
    MockERC20.load(weth.getContractAddress(), chain.web3j(), chain.signer(borrower), chain.gas())
        .approve(lenient.getContractAddress(), ether(3)).send();
    byte[] loan = expected(lenient);
    CollateralVault.load(lenient.getContractAddress(), chain.web3j(), chain.signer(borrower), chain.gas())
        .deposit(loan, ether(3)).send();
    lenient.lock(loan, ether(1800)).send();
    feed.setAnswer(BigInteger.valueOf(700).multiply(BigInteger.TEN.pow(8))).send();
    BigInteger before = weth.balanceOf(borrower.getAddress()).send();

    var event = CollateralVault.getLiquidatedEvents(lenient.liquidate(loan).send()).getFirst();
    // 1,800 × 1.10 = 1,980 USD at 700 USD/WETH = 2.828571428571428572 WETH (rounded up); the rest returns.
    assertThat(event.seized).isEqualTo(new BigInteger("2828571428571428572"));
    assertThat(event.returned).isEqualTo(ether(3).subtract(event.seized));
    assertThat(weth.balanceOf(borrower.getAddress()).send()).isEqualTo(before.add(event.returned));
  }

  @Test
  void a_defaulted_loan_is_seized_whatever_its_health_but_only_by_the_operator_and_once() throws Exception {
    byte[] loan = expectedLoan();
    feed.setAnswer(BigInteger.valueOf(2000).multiply(BigInteger.TEN.pow(8))).send();
    vaultAsBorrower.deposit(loan, ether(1)).send();
    vault.lock(loan, ether(1000)).send();
    assertThat(revert(borrower, vault.liquidateDefaulted(loan).encodeFunctionCall()))
        .isEqualTo(Chain.selector("AccessControlUnauthorizedAccount(address,bytes32)"));
    BigInteger before = weth.balanceOf(borrower.getAddress()).send();

    var event = CollateralVault.getLiquidatedEvents(vault.liquidateDefaulted(loan).send()).getFirst();
    // Healthy (HF 2.0), but in default: 1,000 × 1.10 = 1,100 USD at 2,000 USD/WETH = 0.55 WETH seized.
    assertThat(event.seized).isEqualTo(new BigInteger("550000000000000000"));
    assertThat(event.returned).isEqualTo(new BigInteger("450000000000000000"));
    assertThat(weth.balanceOf(borrower.getAddress()).send()).isEqualTo(before.add(event.returned));
    assertThat(revert(admin, vault.liquidateDefaulted(loan).encodeFunctionCall()))
        .isEqualTo(Chain.selector("WrongStatus(bytes32,uint8)"));
  }

  @Test
  void one_call_gives_the_health_of_many_positions_at_one_price_and_refuses_a_stale_one() throws Exception {
    byte[] healthy = expectedLoan();
    vaultAsBorrower.deposit(healthy, ether(1)).send();
    vault.lock(healthy, ether(1800)).send();
    byte[] thin = expectedLoan();
    vaultAsBorrower.deposit(thin, ether(1)).send();
    vault.lock(thin, ether(1950)).send();
    byte[] unlocked = expectedLoan();
    vaultAsBorrower.deposit(unlocked, ether(1)).send();
    byte[] unknown = loanId();
    BigInteger none = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    feed.setAnswer(BigInteger.valueOf(1900).multiply(BigInteger.TEN.pow(8))).send();
    var batch = vault.healthFactors(List.of(healthy, thin, unlocked, unknown)).send();
    assertThat(batch.component1()).isEqualTo(ether(1900));
    // Each factor is the one the single-position read gives at the same price.
    assertThat(batch.component2()).containsExactly(vault.healthFactor(healthy).send(), vault.healthFactor(thin).send(),
        none, none);
    assertThat(batch.component2().get(1)).isLessThan(WAD);
    assertThat(batch.component2().get(0)).isGreaterThan(WAD);

    chain.advanceTime(7200);
    assertThat(revert(admin, vault.healthFactors(List.of(healthy)).encodeFunctionCall()))
        .isEqualTo(Chain.selector("StalePrice(uint256,uint256)"));
  }

  @Test
  void a_stale_price_a_paused_vault_and_the_wrong_role_are_refused() throws Exception {
    byte[] loan = expectedLoan();
    vaultAsBorrower.deposit(loan, ether(1)).send();
    vault.lock(loan, ether(1800)).send();
    chain.advanceTime(7200);
    assertThat(revert(admin, vault.liquidate(loan).encodeFunctionCall()))
        .isEqualTo(Chain.selector("StalePrice(uint256,uint256)"));
    assertThat(revert(borrower, vault.liquidate(loan).encodeFunctionCall()))
        .isEqualTo(Chain.selector("AccessControlUnauthorizedAccount(address,bytes32)"));
    assertThat(revert(borrower, vaultAsBorrower.deposit(loan, ether(1)).encodeFunctionCall()))
        .isEqualTo(Chain.selector("PositionExists(bytes32)"));

    vault.pause().send();
    assertThat(revert(borrower, vaultAsBorrower.deposit(loanId(), ether(1)).encodeFunctionCall()))
        .isEqualTo(Chain.selector("EnforcedPause()"));
    vault.unpause().send();
    assertThat(revert(borrower, vaultAsBorrower.deposit(expectedLoan(), BigInteger.ZERO).encodeFunctionCall()))
        .isEqualTo(Chain.selector("ZeroAmount()"));
    assertThat(List.of(vault.position(loan).send().status)).containsExactly(BigInteger.TWO);
  }

  @Test
  void only_the_registered_wallet_may_deposit_so_nobody_can_claim_a_position_first_with_dust() throws Exception {
    Credentials stranger = chain.fundedAccount();
    weth.mint(stranger.getAddress(), ether(1)).send();
    MockERC20.load(weth.getContractAddress(), chain.web3j(), chain.signer(stranger), chain.gas())
        .approve(vault.getContractAddress(), ether(1)).send();
    CollateralVault vaultAsStranger = CollateralVault.load(vault.getContractAddress(), chain.web3j(),
        chain.signer(stranger), chain.gas());
    byte[] loan = expectedLoan();
    assertThat(vault.expectedDepositor(loan).send()).isEqualToIgnoringCase(borrower.getAddress());

    assertThat(revert(stranger, vaultAsStranger.deposit(loan, BigInteger.ONE).encodeFunctionCall()))
        .isEqualTo(Chain.selector("NotBorrower(bytes32,address)"));
    assertThat(revert(borrower, vaultAsBorrower.deposit(loanId(), ether(1)).encodeFunctionCall()))
        .as("a position nobody registered takes no deposit").isEqualTo(Chain.selector("NotBorrower(bytes32,address)"));
    assertThat(revert(stranger, vaultAsStranger.expectDeposit(loanId(), stranger.getAddress()).encodeFunctionCall()))
        .isEqualTo(Chain.selector("AccessControlUnauthorizedAccount(address,bytes32)"));

    vaultAsBorrower.deposit(loan, ether(1)).send();
    assertThat(revert(admin, vault.expectDeposit(loan, stranger.getAddress()).encodeFunctionCall()))
        .as("a position with its deposit cannot be handed to another wallet").isEqualTo(
            Chain.selector("PositionExists(bytes32)"));
  }
}
