package dev.tranche.activities.testsupport;

import dev.tranche.activities.ActivitiesConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The activities module alone, on a real database, for its integration tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ActivitiesConfiguration.class)
public class ActivitiesTestApplication {
}
