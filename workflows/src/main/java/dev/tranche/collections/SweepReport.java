package dev.tranche.collections;

import java.time.LocalDate;
import java.util.List;

/** What a day's sweep did: cases opened for missed installments, servicing workflows repaired. */
public record SweepReport(LocalDate businessDate, List<String> casesOpened, List<String> servicingRepaired,
    int loansChecked) {

  public SweepReport {
    casesOpened = List.copyOf(casesOpened);
    servicingRepaired = List.copyOf(servicingRepaired);
  }
}
