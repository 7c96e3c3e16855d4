package dev.tranche.partner;

import io.temporal.activity.ActivityInterface;

/**
 * Servicing's and collections' word to a loan's partner: a loan that came from a partner's CRM has the
 * notice delivered as a signed partner webhook by its own {@code partner-event-{eventId}} workflow (retried
 * until the partner acknowledges it, without holding up the loan); any other loan's notice is dropped.
 */
@ActivityInterface
public interface PartnerNotices {

  void notifyPartner(PartnerNotice notice);
}
