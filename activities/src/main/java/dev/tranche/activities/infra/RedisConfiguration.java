package dev.tranche.activities.infra;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One Redisson client per process: rate limits, the lender circuit breakers and the quote cache share it. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

  @Bean(destroyMethod = "shutdown")
  RedissonClient redisson(@Value("${tranche.redis.url}") String url) {
    Config config = new Config();
    config.useSingleServer().setAddress(url).setConnectionMinimumIdleSize(2).setConnectionPoolSize(8);
    return Redisson.create(config);
  }
}
