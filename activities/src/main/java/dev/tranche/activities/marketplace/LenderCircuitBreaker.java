package dev.tranche.activities.marketplace;

import java.time.Duration;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker per lender whose state lives in Redis, so every worker sees the same circuit:
 * {@code failureThreshold} failures within the window open it for the cool-down; after that one
 * trial call goes through (half-open) and a failure re-opens it at once, a success closes it.
 * No in-process breaker library shares state across workers, hence these few Redis keys.
 */
@Component
public class LenderCircuitBreaker {

  private final RedissonClient redis;
  private final MarketplaceProperties.Breaker settings;

  LenderCircuitBreaker(RedissonClient redis, MarketplaceProperties properties) {
    this.redis = redis;
    this.settings = properties.breaker() != null ? properties.breaker()
        : new MarketplaceProperties.Breaker(5, 60, 30);
  }

  public boolean isOpen(String lender) {
    return open(lender).isExists();
  }

  public void recordSuccess(String lender) {
    failures(lender).delete();
    probation(lender).delete();
  }

  public void recordFailure(String lender) {
    RAtomicLong failures = failures(lender);
    long count = failures.incrementAndGet();
    if (count == 1) {
      failures.expire(Duration.ofSeconds(settings.windowSeconds()));
    }
    if (count >= settings.failureThreshold() || probation(lender).isExists()) {
      Duration coolDown = Duration.ofSeconds(settings.coolDownSeconds());
      open(lender).set("open", coolDown);
      probation(lender).set("half-open", coolDown.plusSeconds(settings.windowSeconds()));
      failures.delete();
    }
  }

  /** Ops: close a circuit by hand. */
  public void reset(String lender) {
    open(lender).delete();
    recordSuccess(lender);
  }

  private RBucket<String> open(String lender) {
    return redis.getBucket("tranche:breaker:" + lender + ":open");
  }

  private RBucket<String> probation(String lender) {
    return redis.getBucket("tranche:breaker:" + lender + ":probation");
  }

  private RAtomicLong failures(String lender) {
    return redis.getAtomicLong("tranche:breaker:" + lender + ":failures");
  }
}
