package dev.tranche.activities.marketplace;

import dev.tranche.common.FailureType;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.LenderQuotes;
import dev.tranche.marketplace.MarketplaceActivities;
import dev.tranche.marketplace.QuoteRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Quotes from one lender: the cache first, then the lender's adapter behind its circuit breaker. */
@Component("marketplaceActivities")
class MarketplaceActivitiesImpl implements MarketplaceActivities {

  private final MarketplaceProperties properties;
  private final Map<String, LenderAdapter> adapters;
  private final LenderCircuitBreaker breaker;
  private final QuoteCache cache;
  private final ObjectProvider<MeterRegistry> meters;

  MarketplaceActivitiesImpl(MarketplaceProperties properties, List<LenderAdapter> adapters,
      LenderCircuitBreaker breaker, QuoteCache cache, ObjectProvider<MeterRegistry> meters) {
    this.properties = properties;
    this.adapters = adapters.stream().collect(Collectors.toMap(LenderAdapter::format, Function.identity()));
    this.breaker = breaker;
    this.cache = cache;
    this.meters = meters;
  }

  @Override
  public LenderQuotes requestQuotes(QuoteRequest request) {
    MarketplaceProperties.Lender lender = properties.lenders() == null ? null
        : properties.lenders().get(request.lender());
    LenderAdapter adapter = lender == null ? null : adapters.get(lender.format());
    if (adapter == null) {
      throw ApplicationFailure.newNonRetryableFailure("no marketplace lender " + request.lender(),
          FailureType.NOT_FOUND.name());
    }
    Optional<List<LenderQuote>> cached = cache.get(request);
    if (cached.isPresent()) {
      count(request.lender(), "cached");
      return new LenderQuotes(request.lender(), handedOver(cached.get()), true);
    }
    if (!breaker.tryAcquire(request.lender())) {
      count(request.lender(), "circuit_open");
      throw ApplicationFailure.newNonRetryableFailure(request.lender() + " is cooling down after repeated failures",
          FailureType.LENDER_UNAVAILABLE.name());
    }
    List<LenderQuote> quotes;
    try {
      quotes = adapter.quote(request.lender(), lender.url(), request);
    } catch (LenderHttp.LenderUnavailableException | IllegalArgumentException
        | java.time.format.DateTimeParseException | tools.jackson.core.JacksonException e) {
      breaker.recordFailure(request.lender());
      count(request.lender(), "failed");
      throw e;
    }
    breaker.recordSuccess(request.lender());
    cache.put(request, quotes, System.currentTimeMillis());
    count(request.lender(), quotes.isEmpty() ? "declined" : "quoted");
    return new LenderQuotes(request.lender(), handedOver(quotes), false);
  }

  private void count(String lender, String outcome) {
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      registry.counter("tranche.marketplace.quotes", "lender", lender, "outcome", outcome).increment();
    }
  }

  /** Each quote with how long it is still good for, so the workflow judges it on its own clock. */
  private static List<LenderQuote> handedOver(List<LenderQuote> quotes) {
    long now = System.currentTimeMillis();
    return quotes.stream().map(q -> q.handedOverAt(now)).toList();
  }
}
