package dev.tranche.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The worker process on its own, against a given Temporal address, PostgreSQL and Redis
 * ({@code TEMPORAL_ADDRESS}, {@code TRANCHE_DB_URL}, {@code TRANCHE_REDIS_URL}).
 */
@SpringBootApplication
@Import(WorkerConfiguration.class)
public class WorkersApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(WorkersApplication.class);
    app.setAdditionalProfiles("workers");
    app.run(args);
  }
}
