package dev.tranche.workers;

import dev.tranche.activities.ActivitiesConfiguration;
import dev.tranche.activities.support.DataRejections;
import dev.tranche.temporal.TemporalSetup;
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
@Import({ActivitiesConfiguration.class, TemporalConfiguration.class, RepairSchedule.class})
public class WorkerConfiguration {

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
