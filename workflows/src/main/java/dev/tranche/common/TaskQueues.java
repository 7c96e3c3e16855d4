package dev.tranche.common;

/** The task queues of ARCHITECTURE.md. */
public final class TaskQueues {

  /** Origination and review workflows and their activities. */
  public static final String APPLICATIONS = "applications";
  /** Disbursement, servicing and collections. */
  public static final String SERVICING = "servicing";
  /** Every activity that signs an EVM transaction. */
  public static final String CHAIN = "chain";

  private TaskQueues() {
  }
}
