package dev.tranche.workers;

import dev.tranche.activities.chain.ChainHealth;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dependencies behind readiness (PostgreSQL's is Spring Boot's own {@code db}): Redis, Temporal and
 * each configured chain. A process that cannot reach one of them is alive but not ready.
 */
@Configuration(proxyBeanMethods = false)
class PlatformHealth {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Bean
  HealthIndicator redisHealthIndicator(RedissonClient redisson) {
    return () -> {
      try {
        boolean answered = redisson.getBucket("tranche:health").isExistsAsync().toCompletableFuture()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) != null;
        return answered ? Health.up().build() : Health.down().build();
      } catch (Exception e) {
        return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
      }
    };
  }

  @Bean
  HealthIndicator temporalHealthIndicator(WorkflowServiceStubs stubs) {
    return () -> {
      try {
        var answer = stubs.healthCheck();
        return answer.getStatus().name().equals("SERVING") ? Health.up().build()
            : Health.down().withDetail("status", answer.getStatus().name()).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
      }
    };
  }

  @Bean
  HealthIndicator chainsHealthIndicator(ChainHealth chains) {
    return () -> {
      var probes = chains.probe();
      Health.Builder health = probes.values().stream().allMatch(ChainHealth.Probe::up) ? Health.up()
          : Health.down();
      probes.forEach((name, probe) -> health.withDetail(name, probe.up() ? "block " + probe.block()
          : probe.problem()));
      return health.build();
    };
  }
}
