package dev.tranche.collections;

import java.util.List;

/** How a collection case ended (CURED, HANDED_TO_AGENCY, LIQUIDATION_REQUESTED, CHARGED_OFF) and its stages. */
public record CollectionOutcome(String loanId, int installment, String outcome, List<String> stages) {

  public CollectionOutcome {
    stages = List.copyOf(stages);
  }
}
