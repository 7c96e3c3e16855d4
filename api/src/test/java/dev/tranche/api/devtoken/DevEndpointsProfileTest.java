package dev.tranche.api.devtoken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.application.ApplicationReads;
import dev.tranche.activities.application.OfferAcceptance;
import dev.tranche.activities.ops.DevClock;
import dev.tranche.activities.servicing.RailSandbox;
import dev.tranche.activities.servicing.ServicingProperties;
import dev.tranche.api.application.ApplicationService;
import dev.tranche.api.application.DemoPortfolio;
import dev.tranche.api.security.TokenIssuer;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The dev tokens, the movable clock, the demo portfolio and the rail sandbox hand exist in the embedded run and nowhere else. */
class DevEndpointsProfileTest {

  private static AnnotationConfigApplicationContext context(String... profiles) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().setActiveProfiles(profiles);
    context.registerBean(TokenIssuer.class, () -> Mockito.mock(TokenIssuer.class));
    context.registerBean(AuditLog.class, () -> Mockito.mock(AuditLog.class));
    context.registerBean(WorkflowClient.class, () -> Mockito.mock(WorkflowClient.class));
    context.registerBean(ApplicationService.class, () -> Mockito.mock(ApplicationService.class));
    context.registerBean(ApplicationReads.class, () -> Mockito.mock(ApplicationReads.class));
    context.registerBean(OfferAcceptance.class, () -> Mockito.mock(OfferAcceptance.class));
    context.registerBean(ServicingProperties.class, () -> new ServicingProperties("http://127.0.0.1:9", null));
    context.register(DevTokenController.class, DevClockController.class, DevClock.class, DevPortfolioController.class,
        DemoPortfolio.class, RailSandbox.class);
    context.refresh();
    return context;
  }

  @Test
  void present_in_the_embedded_profile() {
    try (var embedded = context("embedded", "workers")) {
      assertThat(embedded.getBeanNamesForType(DevTokenController.class)).hasSize(1);
      assertThat(embedded.getBeanNamesForType(DevClockController.class)).hasSize(1);
      assertThat(embedded.getBeanNamesForType(DevClock.class)).hasSize(1);
      assertThat(embedded.getBeanNamesForType(DevPortfolioController.class)).hasSize(1);
      assertThat(embedded.getBeanNamesForType(RailSandbox.class)).hasSize(1);
    }
  }

  @Test
  void absent_in_every_other_profile() {
    try (var production = context("workers")) {
      assertThat(production.getBeanNamesForType(DevTokenController.class)).isEmpty();
      assertThat(production.getBeanNamesForType(DevClockController.class)).isEmpty();
      assertThat(production.getBeanNamesForType(DevClock.class)).isEmpty();
      assertThat(production.getBeanNamesForType(DevPortfolioController.class)).isEmpty();
      assertThat(production.getBeanNamesForType(DemoPortfolio.class)).isEmpty();
      assertThat(production.getBeanNamesForType(RailSandbox.class)).isEmpty();
    }
  }
}
