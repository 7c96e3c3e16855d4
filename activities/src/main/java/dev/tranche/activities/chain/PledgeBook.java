package dev.tranche.activities.chain;

import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.servicing.LoanAccounts;
import dev.tranche.chain.LiquidationEvent;
import dev.tranche.chain.PledgeRequest;
import dev.tranche.chain.PledgeRequirement;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import dev.tranche.contracts.generated.CollateralVault;
import dev.tranche.contracts.generated.MockERC20;
import dev.tranche.contracts.generated.MockPriceFeed;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/**
 * A bill's pledge of tokens (the pool's LP tokens) in a vault: what is asked (the ratio at the vault's feed,
 * rounded up to the token's smallest unit), where it stands, and the seized tokens booked at the liquidation's
 * price (rounded down to the cent) as proceeds the bill then takes as a payment.
 */
final class PledgeBook {

  private final ChainNodes nodes;
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final TransactionTemplate tx;

  PledgeBook(ChainNodes nodes, JdbcClient jdbc, Ledger ledger, TransactionTemplate tx) {
    this.nodes = nodes;
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.tx = tx;
  }

  PledgeRequirement price(PledgeRequest r) {
    UUID billId = UUID.fromString(r.billId());
    var stored = stored(r.billId());
    if (stored != null) {
      return stored;
    }
    Chain chain = nodes.chain(r.chain());
    CollateralVault vault = nodes.vault(r.chain(), chain);
    var readOnly = new ReadonlyTransactionManager(chain.web3j(), nodes.operator(r.chain()).getAddress());
    try {
      String token = vault.collateralToken().send();
      int decimals = MockERC20.load(token, chain.web3j(), readOnly, chain.gas()).decimals().send().intValue();
      MockPriceFeed feed = MockPriceFeed.load(vault.priceFeed().send(), chain.web3j(), readOnly, chain.gas());
      int feedDecimals = feed.decimals().send().intValue();
      BigInteger answer = feed.latestRoundData().send().component2();
      // units = amount × ratio × 10^decimals ÷ (answer ÷ 10^feedDecimals), up to the next unit.
      BigInteger units = r.amount().amount().multiply(r.collateralRatio()).movePointRight(decimals + feedDecimals)
          .divide(new BigDecimal(answer), 0, RoundingMode.CEILING).toBigIntegerExact();
      BigInteger priceWad = answer.multiply(BigInteger.TEN.pow(18 - feedDecimals));
      jdbc.sql("""
              insert into bill_collateral (bill_id, chain, vault_address, token_address, wallet_address, required_units,
                  price_wad, status) values (?, ?, ?, ?, ?, ?, ?, 'REQUESTED') on conflict (bill_id) do nothing""")
          .params(billId, r.chain(), vault.getContractAddress(), token, r.walletAddress(), new BigDecimal(units),
              new BigDecimal(priceWad))
          .update();
      return stored(r.billId());
    } catch (Exception e) {
      throw new IllegalStateException("could not price the pledge for " + r.billId() + ": " + e.getMessage(), e);
    }
  }

  void record(String billId, String status, String depositedUnits) {
    jdbc.sql("""
            update bill_collateral set status = ?, deposited_units = coalesce(?::numeric, deposited_units),
                updated_at = now() where bill_id = ?""")
        .params(status, depositedUnits, UUID.fromString(billId)).update();
  }

  String bookLiquidation(LiquidationEvent e) {
    int decimals = jdbc.sql("select token_address from bill_collateral where bill_id = ?")
        .param(UUID.fromString(e.loanId())).query(String.class).optional().map(token -> decimals(e.chain(), token))
        .orElse(18);
    BigDecimal proceeds = new BigDecimal(e.seizedWei()).multiply(new BigDecimal(e.priceWad()))
        .movePointLeft(decimals + 18).setScale(2, RoundingMode.DOWN);
    tx.executeWithoutResult(status -> {
      jdbc.sql("""
              update bill_collateral set status = 'LIQUIDATED', seized_units = ?, proceeds = ?, updated_at = now()
               where bill_id = ?""")
          .params(new BigDecimal(e.seizedWei()), proceeds, UUID.fromString(e.loanId())).update();
      if (proceeds.signum() > 0) {
        Money value = Money.of(proceeds, "USD");
        ledger.post(new Transfer("bill-liquidation:" + e.loanId(), "BILL_COLLATERAL_LIQUIDATION", e.loanId(),
            "LP tokens seized " + e.txHash(), List.of(
                Leg.debit("collateral:" + e.chain() + ":seized", AccountType.ASSET, value),
                Leg.credit(LoanAccounts.LIQUIDATION_PROCEEDS, AccountType.LIABILITY, value))));
      }
    });
    return proceeds.toPlainString();
  }

  private int decimals(String chainName, String token) {
    Chain chain = nodes.chain(chainName);
    try {
      return MockERC20.load(token, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(),
          nodes.operator(chainName).getAddress()), chain.gas()).decimals().send().intValue();
    } catch (Exception ex) {
      throw new IllegalStateException("could not read the token's decimals: " + ex.getMessage(), ex);
    }
  }

  private PledgeRequirement stored(String billId) {
    return jdbc.sql("""
            select chain, vault_address, token_address, wallet_address, required_units::text, price_wad::text
              from bill_collateral where bill_id = ?""")
        .param(UUID.fromString(billId))
        .query((rs, n) -> new PledgeRequirement(billId, rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6),
            Numeric.toHexString(LocalDeployment.loanKey(billId))))
        .optional().orElse(null);
  }
}
