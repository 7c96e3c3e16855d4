package dev.tranche.activities.marketplace;

import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import java.util.List;

/**
 * The port every marketplace lender sits behind. An adapter speaks one lender's wire format and
 * returns quotes in ours; an empty list is a decline. Transport faults and 5xx answers throw.
 */
public interface LenderAdapter {

  /** The format name this adapter speaks, as configured per lender. */
  String format();

  List<LenderQuote> quote(String lender, String baseUrl, QuoteRequest request);
}
