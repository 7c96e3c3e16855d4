package dev.tranche.activities.partner;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Creates the configured seed partner (the embedded run's demo CRM) once the database is migrated. */
@Component
class PartnerSeeder {

  private final PartnerDirectory partners;
  private final PartnerProperties properties;

  PartnerSeeder(PartnerDirectory partners, PartnerProperties properties) {
    this.partners = partners;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    partners.seed(properties.seed());
  }
}
