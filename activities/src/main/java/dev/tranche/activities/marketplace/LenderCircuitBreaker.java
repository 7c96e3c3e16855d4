package dev.tranche.activities.marketplace;

import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;

/**
 * A circuit breaker per lender whose state lives in Redis, so every worker sees the same circuit:
 * {@code failureThreshold} failures within the window open it for the cool-down; after that exactly
 * one caller wins the trial call (half-open) while the others are refused, a failure of the trial
 * re-opens it at once and a success closes it. Each transition is one Lua script, so concurrent
 * workers cannot all slip through the half-open state, and the failure window's expiry is set in the
 * same step as the count it bounds. No in-process breaker library shares state across workers.
 */
@Component
public class LenderCircuitBreaker {

  /** KEYS open, probation, trial; ARGV the trial's lease (ms). 1: call the lender, 0: refuse. */
  private static final String ACQUIRE = """
      if redis.call('exists', KEYS[1]) == 1 then return 0 end
      if redis.call('exists', KEYS[2]) == 0 then return 1 end
      if redis.call('set', KEYS[3], '1', 'NX', 'PX', ARGV[1]) then return 1 end
      return 0""";

  /** KEYS failures, open, probation, trial; ARGV window, threshold, cool-down, probation (ms). 1: opened. */
  private static final String FAIL = """
      local failures = redis.call('incr', KEYS[1])
      if failures == 1 then redis.call('pexpire', KEYS[1], ARGV[1]) end
      if failures >= tonumber(ARGV[2]) or redis.call('exists', KEYS[3]) == 1 then
        redis.call('set', KEYS[2], 'open', 'PX', ARGV[3])
        redis.call('set', KEYS[3], 'half-open', 'PX', ARGV[4])
        redis.call('del', KEYS[1], KEYS[4])
        return 1
      end
      return 0""";

  private final RedissonClient redis;
  private final MarketplaceProperties.Breaker settings;

  LenderCircuitBreaker(RedissonClient redis, MarketplaceProperties properties) {
    this.redis = redis;
    this.settings = properties.breaker() != null ? properties.breaker()
        : new MarketplaceProperties.Breaker(5, 60, 30);
  }

  /**
   * Whether this caller may call the lender now: always while closed, never while open, and only
   * for the one caller that wins the trial while half-open (its lease ends with the cool-down, in
   * case that caller dies without an outcome).
   */
  public boolean tryAcquire(String lender) {
    Long allowed = script().eval(RScript.Mode.READ_WRITE, ACQUIRE, RScript.ReturnType.LONG,
        List.of(key(lender, "open"), key(lender, "probation"), key(lender, "trial")),
        String.valueOf(settings.coolDownSeconds() * 1000L));
    return allowed != null && allowed == 1L;
  }

  /** Whether the circuit is open (cooling down); read-only, for ops and tests. */
  public boolean isOpen(String lender) {
    return redis.getBucket(key(lender, "open"), StringCodec.INSTANCE).isExists();
  }

  public void recordSuccess(String lender) {
    redis.getKeys().delete(key(lender, "failures"), key(lender, "probation"), key(lender, "trial"));
  }

  public void recordFailure(String lender) {
    long coolDown = settings.coolDownSeconds() * 1000L;
    long window = settings.windowSeconds() * 1000L;
    script().eval(RScript.Mode.READ_WRITE, FAIL, RScript.ReturnType.LONG,
        List.of(key(lender, "failures"), key(lender, "open"), key(lender, "probation"), key(lender, "trial")),
        String.valueOf(window), String.valueOf(settings.failureThreshold()), String.valueOf(coolDown),
        String.valueOf(coolDown + window));
  }

  /** Ops: close a circuit by hand. */
  public void reset(String lender) {
    redis.getKeys().delete(key(lender, "open"));
    recordSuccess(lender);
  }

  /** Milliseconds until the failure window closes (-2 when no failure is counted); for tests. */
  long failureWindowLeft(String lender) {
    return redis.getBucket(key(lender, "failures"), StringCodec.INSTANCE).remainTimeToLive();
  }

  private RScript script() {
    return redis.getScript(StringCodec.INSTANCE);
  }

  private static String key(String lender, String part) {
    // One hash tag per lender keeps a script's keys in one slot on a Redis cluster.
    return "tranche:breaker:{" + lender + "}:" + part;
  }
}
