package dev.tranche.activities.marketplace;

import dev.tranche.activities.support.Json;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quotes in Redis for as long as they are valid (the earliest expiry among them), keyed by lender,
 * application, amount and tier: a retried or re-run request does not ask the lender again.
 */
@Component
class QuoteCache {

  private final RedissonClient redis;
  private final JsonMapper json = Json.MAPPER;

  QuoteCache(RedissonClient redis) {
    this.redis = redis;
  }

  Optional<List<LenderQuote>> get(QuoteRequest request) {
    String cached = bucket(request).get();
    return cached == null ? Optional.empty() : Optional.of(json.readValue(cached, new TypeReference<>() {
    }));
  }

  void put(QuoteRequest request, List<LenderQuote> quotes, long nowMillis) {
    long ttl = quotes.stream().mapToLong(LenderQuote::expiresAtMillis).min().orElse(nowMillis) - nowMillis;
    if (ttl > 1000) {
      bucket(request).set(json.writeValueAsString(quotes), Duration.ofMillis(ttl));
    }
  }

  private RBucket<String> bucket(QuoteRequest r) {
    return redis.getBucket("tranche:quotes:" + r.lender() + ":" + r.applicationId() + ":"
        + r.amount().amount().toPlainString() + r.amount().currency() + ":" + r.tier(), StringCodec.INSTANCE);
  }
}
