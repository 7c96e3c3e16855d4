package dev.tranche.api;

import dev.tranche.console.ConsoleConfiguration;
import dev.tranche.workers.WorkerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The API process. On its own it is a Temporal client only; with the {@code workers} profile (the
 * embedded default) the same JVM also runs the workers.
 */
@SpringBootApplication
// The activities module declares its own repositories, so Boot no longer looks for the API's by itself.
@EnableJdbcRepositories
@Import({WorkerConfiguration.class, ConsoleConfiguration.class})
public class TrancheApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrancheApiApplication.class, args);
  }
}
