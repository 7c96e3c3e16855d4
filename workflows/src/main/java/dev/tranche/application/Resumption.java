package dev.tranche.application;

import dev.tranche.offer.Offer;
import java.util.List;

/**
 * Where an application stood, as PostgreSQL recorded it, when its workflow was lost (a restart of a
 * Temporal server that keeps nothing, or a start that never happened): the offers it made, the one
 * the borrower signed, and the loan id fixed for funding. A repaired run goes on from there under the
 * same business ids, so the lender sees the same idempotency keys and nothing is done twice.
 */
public record Resumption(String status, List<Offer> offers, String acceptedOfferId, String agreementSha256,
    long signedAtMillis, String loanId) {

  public Resumption {
    offers = offers == null ? List.of() : List.copyOf(offers);
  }
}
