package dev.tranche.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import redis.embedded.RedisServer;

/**
 * Readiness includes Redis (ObservabilityTest reads the group over HTTP): a real Redis that stops makes the
 * indicator, and so the readiness group, DOWN, and UP again once it is back.
 */
class RedisReadinessTest {

  @Test
  void a_stopped_redis_is_not_ready() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RedisServer redis = new RedisServer(port);
    redis.start();
    Config config = new Config();
    config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setRetryAttempts(0).setTimeout(500)
        .setConnectTimeout(500);
    RedissonClient client = Redisson.create(config);
    try {
      HealthIndicator indicator = new PlatformHealth().redisHealthIndicator(client);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
      redis.stop();
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
      redis = new RedisServer(port);
      redis.start();
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    } finally {
      client.shutdown();
      redis.stop();
    }
  }
}
