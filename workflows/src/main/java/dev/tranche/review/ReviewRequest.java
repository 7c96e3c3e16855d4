package dev.tranche.review;

import dev.tranche.money.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * Why an application needs a person, and what is at stake. Zero SLAs and a null threshold (as in
 * reviews started before they existed) fall back to the defaults: claim within 4 h, decide within
 * 24 h, four eyes above 25,000. {@code applicantId} is the applicant's subject, who may never claim or
 * decide their own review (null in reviews started before it was carried).
 */
public record ReviewRequest(String applicationId, List<String> reasonCodes, BigDecimal score, Money requestedAmount,
    long reviewWindowSeconds, long claimSlaSeconds, long decisionSlaSeconds, BigDecimal fourEyesThreshold,
    String applicantId) {

  public ReviewRequest {
    reasonCodes = List.copyOf(reasonCodes);
  }

  public ReviewRequest(String applicationId, List<String> reasonCodes, BigDecimal score, Money requestedAmount,
      long reviewWindowSeconds) {
    this(applicationId, reasonCodes, score, requestedAmount, reviewWindowSeconds, 0, 0, null, null);
  }

  public long claimSla() {
    return claimSlaSeconds > 0 ? claimSlaSeconds : 4 * 3600;
  }

  public long decisionSla() {
    return decisionSlaSeconds > 0 ? decisionSlaSeconds : 24 * 3600;
  }

  public BigDecimal fourEyesAbove() {
    return fourEyesThreshold != null ? fourEyesThreshold : BigDecimal.valueOf(25_000);
  }
}
