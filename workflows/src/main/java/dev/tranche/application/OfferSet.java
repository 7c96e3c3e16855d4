package dev.tranche.application;

import dev.tranche.offer.Offer;
import java.util.List;

/** The offers made to one application. */
public record OfferSet(String applicationId, List<Offer> offers) {

  public OfferSet {
    offers = List.copyOf(offers);
  }
}
