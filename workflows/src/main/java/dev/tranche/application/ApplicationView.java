package dev.tranche.application;

import dev.tranche.offer.Offer;
import java.util.List;

/** The {@code status} query's answer. */
public record ApplicationView(String applicationId, ApplicationStatus status, String outcome,
    List<String> reasonCodes, List<Offer> offers, String acceptedOfferId, String loanId) {
}
