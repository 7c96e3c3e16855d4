package dev.tranche.offer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The loan agreement the borrower signs, rendered deterministically from the offer, so the
 * workflow, the API and an auditor all compute the same SHA-256 for the same offer.
 */
public final class Agreement {

  private Agreement() {
  }

  public static String render(String applicationId, Offer offer) {
    return """
        TRANCHE LOAN AGREEMENT
        Application: %s
        Offer: %s (tier %s, lender %s)
        Amount financed: %s
        Term: %d months at %s%% APR
        Monthly payment: %s
        Origination fee: %s
        Total of payments: %s
        The borrower agrees to repay the amount financed with interest in %d monthly installments.
        """.formatted(applicationId, offer.offerId(), offer.tier(), offer.lender(),
        offer.principal().minus(offer.originationFee()), offer.termMonths(), offer.apr().toPlainString(),
        offer.monthlyPayment(), offer.originationFee(), offer.totalOfPayments(), offer.termMonths());
  }

  public static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
