package dev.tranche.activities.support;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP stack for calls to providers, lenders and partners: Spring's {@link RestClient} over the
 * JDK's HTTP/1.1 client, with a connect timeout and a read timeout per client.
 */
public final class RestClients {

  /**
   * The process's observation registry, once Spring has made it ({@link #observeWith}): every client built here
   * asks it at call time, so outbound calls are timed and traced (a client span, the traceparent sent on) even
   * when the client was built before the registry existed.
   */
  private static volatile ObservationRegistry observations = ObservationRegistry.NOOP;

  private static final ObservationRegistry CURRENT = new ObservationRegistry() {
    @Override
    public Observation getCurrentObservation() {
      return observations.getCurrentObservation();
    }

    @Override
    public Observation.Scope getCurrentObservationScope() {
      return observations.getCurrentObservationScope();
    }

    @Override
    public void setCurrentObservationScope(Observation.Scope current) {
      observations.setCurrentObservationScope(current);
    }

    @Override
    public ObservationRegistry.ObservationConfig observationConfig() {
      return observations.observationConfig();
    }

    @Override
    public boolean isNoop() {
      return observations.isNoop();
    }
  };

  private RestClients() {
  }

  /** Called once by the process's configuration with Spring's registry. */
  public static void observeWith(ObservationRegistry registry) {
    observations = registry;
  }

  public static RestClient.Builder builder(Duration connectTimeout, Duration readTimeout) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(readTimeout);
    return RestClient.builder().requestFactory(factory).observationRegistry(CURRENT);
  }
}
