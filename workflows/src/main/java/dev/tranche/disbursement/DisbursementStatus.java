package dev.tranche.disbursement;

/** Where a disbursement stands. */
public enum DisbursementStatus {
  CREATING, DISBURSING, AWAITING_FUNDING, POLLING, FUNDED, COMPENSATING, FAILED
}
