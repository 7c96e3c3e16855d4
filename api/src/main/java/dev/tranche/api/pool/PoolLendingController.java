package dev.tranche.api.pool;

import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.pool.PoolLending;
import dev.tranche.activities.pool.PoolLendingProperties;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.decision.Tier;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pool as a marketplace lender: whether it lends to applicants, the largest share of the pool one loan may
 * take, and what it would charge each tier at today's utilisation (GET, any signed-in caller); an admin opens
 * or closes its lending (PUT).
 */
@RestController
class PoolLendingController {

  /** {@code PUT /api/v1/admin/pools/{chain}/lending}. */
  record LendingRequest(@NotNull Boolean open,
      @NotNull @DecimalMin(value = "0.0001") @DecimalMax("1.0000") @Digits(integer = 1, fraction = 4)
      BigDecimal maxLoanShare) {
  }

  /** The pool's lending terms and, for a loan of zero, its rate per tier at the current utilisation. */
  record Lending(String chain, boolean open, BigDecimal maxLoanShare, String updatedBy, Instant updatedAt,
      BigDecimal utilisation, Map<String, BigDecimal> rates, List<Integer> terms) {
  }

  private final PoolLending lending;
  private final PoolDesk pools;
  private final PoolLendingProperties properties;

  PoolLendingController(PoolLending lending, PoolDesk pools, PoolLendingProperties properties) {
    this.lending = lending;
    this.pools = pools;
    this.properties = properties;
  }

  @Operation(summary = "Whether the pool lends in the loan marketplace, its cap per loan, and its rates now")
  @GetMapping("/api/v1/pools/{chain}/lending")
  Lending get(@PathVariable String chain) {
    return view(lendingChain(chain));
  }

  @Operation(summary = "Open or close the pool's lending to applicants and set its cap per loan (ADMIN)")
  @PutMapping("/api/v1/admin/pools/{chain}/lending")
  Lending set(@PathVariable String chain, @Valid @RequestBody LendingRequest request, Authentication auth) {
    lending.setTerms(lendingChain(chain), request.open(), request.maxLoanShare(), auth.getName());
    return view(chain);
  }

  private Lending view(String chain) {
    PoolDesk.Funds funds = pools.funds(chain);
    BigDecimal utilisation = PoolLendingProperties.utilisationAfter(funds.lent(), BigDecimal.ZERO,
        funds.totalAssets());
    Map<String, BigDecimal> rates = Arrays.stream(Tier.values()).collect(Collectors.toMap(Tier::name,
        tier -> properties.rate(tier, utilisation), (a, b) -> a, TreeMap::new));
    return lending.terms(chain)
        .map(t -> new Lending(chain, t.open(), t.maxLoanShare(), t.updatedBy(), t.updatedAt(), utilisation, rates,
            properties.terms()))
        .orElse(new Lending(chain, false, null, null, null, utilisation, rates, properties.terms()));
  }

  /** Only the chain whose pool is the marketplace lender. */
  private String lendingChain(String chain) {
    if (!chain.matches("^[a-z0-9-]{1,40}$") || !lending.chain().map(chain::equals).orElse(false)
        || !pools.hasPool(chain)) {
      throw ApiProblem.notFound("lending pool on chain " + chain);
    }
    return chain;
  }
}
