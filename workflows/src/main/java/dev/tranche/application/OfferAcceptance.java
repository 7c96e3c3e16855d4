package dev.tranche.application;

import dev.tranche.offer.Offer;
import java.util.List;

/**
 * Whether a borrower's acceptance can be taken, free of Temporal: the application's own borrower, an
 * offer still open and not yet accepted, and a signature. Throws (changing nothing) when it cannot.
 */
final class OfferAcceptance {

  private OfferAcceptance() {
  }

  static Offer validate(AcceptOfferRequest request, String borrowerId, ApplicationStatus status,
      AcceptanceResult accepted, List<Offer> offers, long nowMillis) {
    if (request == null || request.offerId() == null) {
      throw new IllegalArgumentException("offerId is required");
    }
    if (!borrowerId.equals(request.borrowerId())) {
      throw new IllegalArgumentException("this application belongs to another borrower");
    }
    if (accepted != null) {
      throw new IllegalStateException("an offer was already accepted: " + accepted.offerId());
    }
    if (status != ApplicationStatus.OFFERED) {
      throw new IllegalStateException("application is " + status + ", not OFFERED");
    }
    Offer offer = offers.stream().filter(o -> o.offerId().equals(request.offerId())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown offer " + request.offerId()));
    if (nowMillis >= offer.expiresAtMillis()) {
      throw new IllegalStateException("offer " + offer.offerId() + " has expired");
    }
    if (request.signatureName() == null || request.signatureName().isBlank()) {
      throw new IllegalArgumentException("a signature is required");
    }
    return offer;
  }
}
