package dev.tranche.api.pool;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.ChainProperties;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.contracts.Chain;
import dev.tranche.contracts.LocalDeployment;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.web3j.crypto.Credentials;

/**
 * Embedded run only: a new liquidity provider deposits into the local chain's pool (its stablecoin from the
 * deployment's faucet, its own wallet signing), as an LP would from their wallet. Audited.
 */
@RestController
@Profile("embedded")
class DevPoolController {

  /** {@code POST /api/v1/dev/pools/{chain}/deposits}: what the new provider deposits, in dollars. */
  record DepositRequest(@NotNull @DecimalMin("1.00") @DecimalMax("10000000.00") @Digits(integer = 8, fraction = 2)
      BigDecimal amount) {
  }

  private final ChainProperties chains;
  private final PoolDesk pools;
  private final AuditLog audit;
  private final String faucetKey;

  DevPoolController(ChainProperties chains, PoolDesk pools, AuditLog audit,
      @Value("${tranche.dev.stablecoin-faucet-key:}") String faucetKey) {
    this.chains = chains;
    this.pools = pools;
    this.audit = audit;
    this.faucetKey = faucetKey;
  }

  @Operation(summary = "Embedded run only: a new liquidity provider deposits into the pool; answers its position"
      + " (OPS, ADMIN)")
  @PostMapping("/api/v1/dev/pools/{chain}/deposits")
  @ResponseStatus(HttpStatus.CREATED)
  PoolDesk.Position deposit(@PathVariable String chain, @Valid @RequestBody DepositRequest request,
      Authentication auth) {
    if (!chain.matches("^[a-z0-9-]{1,40}$") || !pools.hasPool(chain) || faucetKey.isBlank()) {
      throw ApiProblem.notFound("pool on chain " + chain + " with a faucet");
    }
    ChainProperties.ChainConfig config = chains.chains().get(chain);
    String provider;
    try (Chain node = new Chain(config.rpcUrl())) {
      provider = LocalDeployment.provideLiquidity(node, Credentials.create(faucetKey), config.stablecoinAddress(),
          config.poolAddress(), request.amount().movePointRight(6).toBigIntegerExact());
    }
    audit.record(auth.getName(), "DEV_POOL_DEPOSIT", "pool", chain, Map.of("provider", provider,
        "amount", request.amount().toPlainString()));
    return pools.position(chain, provider);
  }
}
