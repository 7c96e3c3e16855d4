package dev.tranche.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tranche.money.Money;
import dev.tranche.partner.PartnerRef;

/**
 * What the workflow needs to start: ids and amounts, never PII (activities load that from the
 * store by application id). {@code partner} is set when a CRM partner invited the borrower, who
 * then completes the application through a one-time link. {@code collateral} is set for the
 * collateralised product. {@code resumption} is set when the repair pass restarts an application
 * whose workflow was lost, from what PostgreSQL holds. Histories from 1.0 also carry {@code lender}, the
 * single lender before the marketplace, unused since (the quoting lender funds); it is ignored on read.
 */
@JsonIgnoreProperties({"lender"})
public record ApplicationInput(String applicationId, String borrowerId, Money requestedAmount, String purpose,
    ProcessSettings settings, PartnerRef partner, CollateralChoice collateral, Resumption resumption) {

  public ApplicationInput(String applicationId, String borrowerId, Money requestedAmount, String purpose,
      ProcessSettings settings, PartnerRef partner, CollateralChoice collateral) {
    this(applicationId, borrowerId, requestedAmount, purpose, settings, partner, collateral, null);
  }
}
