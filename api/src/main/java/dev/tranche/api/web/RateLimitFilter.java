package dev.tranche.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
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

  private final RedissonClient redisson;
  private final long perMinute;

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
    // Set once per limiter key; a changed rate applies once the idle key expires (10 minutes).
    limiter.trySetRate(RateType.OVERALL, rate, Duration.ofMinutes(1), Duration.ofMinutes(10));
    if (!limiter.tryAcquire()) {
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
