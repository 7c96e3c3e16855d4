package dev.tranche.chain;

/**
 * Watch one collateralised loan's position on {@code chain} every {@code intervalSeconds}; texts a
 * margin call (to the application's borrower) below a health factor of 1.1. A run that continues as new hands on
 * how many margin calls were texted and whether the position is in a dip now, so the next dip's text is not taken
 * for one already sent and the current dip's is not sent twice (absent from requests made before: 0, false).
 */
public record MonitorRequest(String loanId, String applicationId, String chain, long intervalSeconds,
    int marginCalls, boolean marginCalled) {

  public MonitorRequest(String loanId, String applicationId, String chain, long intervalSeconds) {
    this(loanId, applicationId, chain, intervalSeconds, 0, false);
  }

  MonitorRequest continued(int calls, boolean inDip) {
    return new MonitorRequest(loanId, applicationId, chain, intervalSeconds, calls, inDip);
  }
}
