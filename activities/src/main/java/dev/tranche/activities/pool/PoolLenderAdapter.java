package dev.tranche.activities.pool;

import dev.tranche.activities.marketplace.LenderAdapter;
import dev.tranche.activities.marketplace.LenderHttp;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The liquidity pool behind the marketplace port (format {@code pool}): its "wire" is the chain's JSON-RPC, read
 * by {@link PoolLending}; the base URL of the entry is not used (the pool's chain is {@code tranche.pool-lending}).
 */
@Component
class PoolLenderAdapter implements LenderAdapter {

  private final PoolLending pool;

  PoolLenderAdapter(PoolLending pool) {
    this.pool = pool;
  }

  @Override
  public String format() {
    return "pool";
  }

  @Override
  public List<LenderQuote> quote(String lender, String baseUrl, QuoteRequest request) {
    try {
      return pool.quote(lender, request, System.currentTimeMillis());
    } catch (IllegalStateException unreadable) {
      throw new LenderHttp.LenderUnavailableException(unreadable.getMessage());
    }
  }
}
