package dev.tranche.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.testsupport.TestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-client limit on a real Redis: the budget is shared, the excess gets 429 with Retry-After. */
class RateLimitFilterTest {

  private final RedissonClient redisson = redisson();

  private static RedissonClient redisson() {
    Config config = new Config();
    config.useSingleServer().setAddress(TestInfrastructure.redisUrl());
    return Redisson.create(config);
  }

  @AfterEach
  void close() {
    redisson.shutdown();
  }

  @Test
  void the_request_past_the_limit_is_refused_with_retry_after() throws Exception {
    RateLimitFilter filter = new RateLimitFilter(redisson, 5);
    String client = "10.0.0." + (UUID.randomUUID().hashCode() & 0xff) + "-" + UUID.randomUUID();
    int passed = 0;
    MockHttpServletResponse last = null;
    for (int i = 0; i < 7; i++) {
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/applications");
      request.setRemoteAddr(client);
      MockHttpServletResponse response = new MockHttpServletResponse();
      MockFilterChain chain = new MockFilterChain();
      filter.doFilter(request, response, chain);
      if (chain.getRequest() != null) {
        passed++;
      }
      last = response;
    }
    assertThat(passed).isEqualTo(5);
    assertThat(last.getStatus()).isEqualTo(429);
    // The window slides: the next permit frees when the first request leaves it, about a minute from now,
    // not 60 / 5 = 12 s later.
    assertThat(Long.parseLong(last.getHeader("Retry-After"))).isBetween(50L, 60L);
    assertThat(last.getContentType()).startsWith("application/problem+json");

    // A second replica with its own filter shares the same budget through Redis.
    RateLimitFilter replica = new RateLimitFilter(redisson, 5);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/applications");
    request.setRemoteAddr(client);
    MockHttpServletResponse response = new MockHttpServletResponse();
    replica.doFilter(request, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(429);
  }

  @Test
  void a_limiter_whose_idle_key_expired_in_redis_is_set_again_not_failed() throws Exception {
    // The filter sets each client's rate once a minute, not per request: a key Redis expired meanwhile (idle for
    // its keep-alive) must be set again on the next request rather than fail it.
    RateLimitFilter filter = new RateLimitFilter(redisson, 5);
    String address = "10.8.0." + (UUID.randomUUID().hashCode() & 0xff) + "-" + UUID.randomUUID();
    MockFilterChain first = new MockFilterChain();
    filter.doFilter(request("GET", "/api/v1/applications", address), new MockHttpServletResponse(), first);
    assertThat(first.getRequest()).isNotNull();
    redisson.getKeys().deleteByPattern("*tranche:ratelimit:ip:" + address + "*");
    MockFilterChain second = new MockFilterChain();
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request("GET", "/api/v1/applications", address), response, second);
    assertThat(second.getRequest()).as("passed after the key was set again").isNotNull();
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void signed_webhooks_are_not_held_back_by_an_exhausted_anonymous_budget() throws Exception {
    RateLimitFilter filter = new RateLimitFilter(redisson, 3);
    String address = "10.9.0." + (UUID.randomUUID().hashCode() & 0xff) + "-" + UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      filter.doFilter(request("GET", "/api/v1/borrower-links/unknown-" + i, address), new MockHttpServletResponse(),
          new MockFilterChain());
    }
    MockHttpServletResponse lookup = new MockHttpServletResponse();
    filter.doFilter(request("GET", "/api/v1/borrower-links/one-more", address), lookup, new MockFilterChain());
    assertThat(lookup.getStatus()).as("the anonymous budget is spent").isEqualTo(429);

    for (String webhook : new String[] {"/api/v1/webhooks/lenders/northwind", "/api/v1/webhooks/payments",
        "/api/v1/webhooks/twilio/sms"}) {
      MockHttpServletResponse response = new MockHttpServletResponse();
      MockFilterChain chain = new MockFilterChain();
      filter.doFilter(request("POST", webhook, address), response, chain);
      assertThat(chain.getRequest()).as(webhook + " reaches its signature check").isNotNull();
      assertThat(response.getStatus()).isEqualTo(200);
    }
  }

  private static MockHttpServletRequest request(String method, String path, String address) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr(address);
    return request;
  }
}
