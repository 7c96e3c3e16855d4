package dev.tranche.workers;

import dev.tranche.activities.ActivitiesConfiguration;
import dev.tranche.activities.support.DataRejections;
import dev.tranche.activities.support.RestClients;
import dev.tranche.temporal.TemporalSetup;
import io.micrometer.observation.ObservationRegistry;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/**
 * The worker role: activity beans, and the task queues declared in {@code tranche-workers.yml}
 * (profile {@code workers}). Workers are stateless; scale them by adding replicas.
 */
@Configuration(proxyBeanMethods = false)
@Import({ActivitiesConfiguration.class, TemporalConfiguration.class, RepairSchedule.class, PlatformHealth.class})
public class WorkerConfiguration {

  /**
   * The activity log line goes innermost, inside the tracing interceptor the starter puts first (interceptors
   * wrap in list order, the last outermost), so the line carries the activity's trace and span ids.
   */
  @Bean
  TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> activityLogInsideTheTrace() {
    return builder -> {
      WorkerInterceptor[] given = builder.build().getWorkerInterceptors();
      return builder.setWorkerInterceptors(Stream.concat(Stream.of(new ActivityLog()),
          given == null ? Stream.empty() : Arrays.stream(given)).toArray(WorkerInterceptor[]::new));
    };
  }

  /** Outbound HTTP (providers, lenders, partners) is observed through this process's registry: spans, traceparent. */
  @Bean
  SmartInitializingSingleton observedHttpClients(ObjectProvider<ObservationRegistry> registry) {
    return () -> registry.ifAvailable(RestClients::observeWith);
  }

  /** The starter adds every worker interceptor bean to the worker factory. */
  @Bean
  DataRejections dataRejections() {
    return new DataRejections();
  }

  /** Search attributes must exist before workflows upsert them; registering twice is harmless. */
  @Bean
  @Profile("workers")
  ApplicationRunner registerSearchAttributes(@Value("${spring.temporal.connection.target}") String target,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    return args -> TemporalSetup.registerSearchAttributes(target, namespace);
  }
}
