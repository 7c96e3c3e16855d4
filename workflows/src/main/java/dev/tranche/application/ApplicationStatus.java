package dev.tranche.application;

/** Where an application stands, as the borrower sees it. */
public enum ApplicationStatus {
  SUBMITTED, VERIFYING, IN_REVIEW, OFFERED, ACCEPTED, DECLINED, EXPIRED, FUNDING, FUNDED, FAILED;

  public boolean isFinal() {
    return this == DECLINED || this == EXPIRED || this == FUNDED || this == FAILED;
  }
}
