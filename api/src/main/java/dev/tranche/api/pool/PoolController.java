package dev.tranche.api.pool;

import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The liquidity pools, read from their contracts: assets, idle liquidity, principal lent, utilisation, the
 * share (LP token) price, the latest reconciliation; and a provider's position. Any signed-in caller: it is
 * what the chain shows anyone.
 */
@RestController
@RequestMapping("/api/v1/pools/{chain}")
class PoolController {

  private final PoolDesk pools;

  PoolController(PoolDesk pools) {
    this.pools = pools;
  }

  @Operation(summary = "A chain's liquidity pool as its contract reports it, with its latest reconciliation")
  @GetMapping
  PoolDesk.PoolView pool(@PathVariable String chain) {
    return pools.view(known(chain));
  }

  @Operation(summary = "A liquidity provider's shares in the pool and what they are worth now")
  @GetMapping("/providers/{address}")
  PoolDesk.Position provider(@PathVariable String chain, @PathVariable String address) {
    if (!address.matches("^0x[0-9a-fA-F]{40}$")) {
      throw ApiProblem.badRequest("address must be a 20-byte hex address (0x + 40 hex digits)");
    }
    return pools.position(known(chain), address);
  }

  private String known(String chain) {
    if (!chain.matches("^[a-z0-9-]{1,40}$") || !pools.hasPool(chain)) {
      throw ApiProblem.notFound("pool on chain " + chain);
    }
    return chain;
  }
}
