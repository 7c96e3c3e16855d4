package dev.tranche.api.chain;

import dev.tranche.api.chain.CollateralController.CollateralView;
import dev.tranche.contracts.LocalDeployment;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/** The collateral's read side: whose application it is, what it asks, on which chain a loan's is held. */
@Component
class CollateralQueries {

  private final JdbcClient jdbc;

  CollateralQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> applicationOwner(UUID applicationId) {
    return jdbc.sql("select borrower_id from applications where id = ?").param(applicationId).query(String.class)
        .optional();
  }

  Optional<CollateralView> requirement(UUID applicationId) {
    return jdbc.sql("""
            select application_id, loan_id, chain, vault_address, token_address, wallet_address, required_wei, debt_usd,
                   deadline, deposited_wei, deposit_tx, status
            from collateral_requirements where application_id = ?""")
        .param(applicationId)
        .query((rs, n) -> new CollateralView(rs.getString(1), rs.getString(2),
            Numeric.toHexString(LocalDeployment.loanKey(rs.getString(2))), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getBigDecimal(7).toPlainString(), rs.getBigDecimal(8),
            rs.getTimestamp(9).toInstant(), rs.getBigDecimal(10) == null ? null : rs.getBigDecimal(10).toPlainString(),
            rs.getString(11), rs.getString(12)))
        .optional();
  }

  boolean loanExists(UUID loanId) {
    return jdbc.sql("select count(*) from loans where id = ?").param(loanId).query(Long.class).single() > 0;
  }

  /** The chain of a loan's collateral that is, or was, locked on-chain. */
  Optional<String> collateralChain(UUID loanId) {
    return jdbc.sql("select chain from collateral_requirements where loan_id = ? and status in"
        + " ('DEPOSITED', 'LIQUIDATED')").param(loanId).query(String.class).optional();
  }
}
