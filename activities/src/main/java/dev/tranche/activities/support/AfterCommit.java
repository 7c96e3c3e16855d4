package dev.tranche.activities.support;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a hand-off to another process (a signal, a workflow start) once the booking it follows has committed, so
 * nothing is announced that a rollback then takes back; outside a transaction, at once. A failure then fails the
 * activity, whose retry books nothing twice (the booking's key) and hands off again (the receiver's key).
 */
public final class AfterCommit {

  private AfterCommit() {
  }

  public static void run(Runnable handOff) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      handOff.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        handOff.run();
      }
    });
  }
}
