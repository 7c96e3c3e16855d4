package dev.tranche.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.ByteArrayCodec;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-client rate limit (default 100 requests/min) with Redisson's limiter, so every API replica
 * shares the same budget. The client is the token's subject, or the remote address when anonymous.
 */
public class RateLimitFilter extends OncePerRequestFilter {

  /** A principal with a rate of its own (a partner); everyone else gets the filter's default. */
  public interface RateLimited {
    long ratePerMinute();
  }

  private static final long CONFIGURED_FOR_MILLIS = 60_000;

  private final RedissonClient redisson;
  private final long perMinute;
  /** When this replica last set each client's limiter, so a request costs one Redis round trip, not two. */
  private final ConcurrentHashMap<String, Long> configured = new ConcurrentHashMap<>();

  public RateLimitFilter(RedissonClient redisson, long perMinute) {
    this.redisson = redisson;
    this.perMinute = perMinute;
  }

  /**
   * Signed webhooks (lender funding, payment rail, Twilio) are authenticated by their signature, not
   * a client's token or address: they are never counted against a client's budget, so anonymous
   * traffic from a shared address cannot hold back a lender's funding confirmation. A forged call
   * costs one HMAC and is refused with a 401.
   */
  /**
   * The real wait: the window is sliding, so the next permit frees when the oldest one in the window leaves
   * it (its time + the interval), not after interval / rate. Redisson keeps the window's permits in a sorted
   * set scored by acquisition time ({@code {name}:permits}); if that cannot be read, the even spread is the
   * estimate.
   */
  private long secondsUntilAPermitFrees(RRateLimiter limiter, String name, long rate) {
    try {
      Double oldest = redisson.getScoredSortedSet("{" + name + "}:permits", ByteArrayCodec.INSTANCE).firstScore();
      long interval = limiter.getConfig().getRateInterval();
      if (oldest != null && interval > 0) {
        long waitMillis = oldest.longValue() + interval - System.currentTimeMillis();
        return Math.max(1, (waitMillis + 999) / 1000);
      }
    } catch (RuntimeException unreadable) {
      // fall through to the estimate
    }
    return Math.max(1, 60 / Math.max(1, rate));
  }

  /**
   * One permit from the client's limiter: one Redis round trip. The limiter's rate is set (trySetRate, which keeps
   * a rate already set) at most once a minute per client from this replica rather than on every request; a
   * limiter whose idle key expired in Redis meanwhile is set again and asked once more.
   */
  private boolean acquire(RRateLimiter limiter, String client, long rate) {
    long now = System.currentTimeMillis();
    Long setAt = configured.get(client);
    if (setAt == null || now - setAt > CONFIGURED_FOR_MILLIS) {
      configure(limiter, client, rate, now);
    }
    try {
      return limiter.tryAcquire();
    } catch (RedisException expired) {
      configure(limiter, client, rate, now);
      return limiter.tryAcquire();
    }
  }

  private void configure(RRateLimiter limiter, String client, long rate, long now) {
    // A changed rate applies once the idle key expires (10 minutes).
    limiter.trySetRate(RateType.OVERALL, rate, Duration.ofMinutes(1), Duration.ofMinutes(10));
    if (configured.size() > 100_000) {
      configured.clear();
    }
    configured.put(client, now);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/api/v1/webhooks/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String client = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())
        ? "sub:" + auth.getName() : "ip:" + request.getRemoteAddr();
    long rate = auth != null && auth.getPrincipal() instanceof RateLimited limited ? limited.ratePerMinute() : perMinute;
    RRateLimiter limiter = redisson.getRateLimiter("tranche:ratelimit:" + client);
    if (!acquire(limiter, client, rate)) {
      long retryAfter = secondsUntilAPermitFrees(limiter, "tranche:ratelimit:" + client, rate);
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(retryAfter));
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
          + "\"detail\":\"rate limit of " + rate + " requests per minute exceeded\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
