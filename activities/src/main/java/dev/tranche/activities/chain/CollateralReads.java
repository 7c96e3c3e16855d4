package dev.tranche.activities.chain;

import dev.tranche.contracts.LocalDeployment;
import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/**
 * The collateral's read side, shared by the API and the borrower's pages: whose application it is, what it
 * asks, on which chain a loan's is held.
 */
@Component
public class CollateralReads {

  /**
   * What the borrower must deposit and what arrived. Amounts in the token's smallest unit are decimal strings:
   * they do not fit a JSON number. {@code positionKey} is the vault's bytes32 key to pass to
   * {@code deposit(positionKey, requiredWei)}.
   */
  public record CollateralView(String applicationId, String loanId, String positionKey, String chain,
      String vaultAddress, String tokenAddress, String walletAddress, String requiredWei, Money debtUsd,
      Instant deadline, String depositedWei, String depositTx, String status) {
  }

  private final JdbcClient jdbc;

  CollateralReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> applicationOwner(UUID applicationId) {
    return jdbc.sql("select borrower_id from applications where id = ?").param(applicationId).query(String.class)
        .optional();
  }

  public Optional<CollateralView> requirement(UUID applicationId) {
    return jdbc.sql("""
            select application_id, loan_id, chain, vault_address, token_address, wallet_address, required_wei, debt_usd,
                   deadline, deposited_wei, deposit_tx, status
            from collateral_requirements where application_id = ?""")
        .param(applicationId)
        .query((rs, n) -> new CollateralView(rs.getString(1), rs.getString(2),
            Numeric.toHexString(LocalDeployment.loanKey(rs.getString(2))), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getBigDecimal(7).toPlainString(),
            Money.of(rs.getBigDecimal(8), "USD"),
            rs.getTimestamp(9).toInstant(), rs.getBigDecimal(10) == null ? null : rs.getBigDecimal(10).toPlainString(),
            rs.getString(11), rs.getString(12)))
        .optional();
  }

  public boolean loanExists(UUID loanId) {
    return jdbc.sql("select count(*) from loans where id = ?").param(loanId).query(Long.class).single() > 0;
  }

  /** The chain of a loan's collateral that is, or was, locked on-chain. */
  public Optional<String> collateralChain(UUID loanId) {
    return jdbc.sql("select chain from collateral_requirements where loan_id = ? and status in"
        + " ('DEPOSITED', 'LIQUIDATED')").param(loanId).query(String.class).optional();
  }
}
