package dev.tranche.common;

import io.temporal.common.SearchAttributeKey;

/** Our custom search attributes; registered on the server at start-up (see the temporal module). */
public final class SearchAttributes {

  /** The business key of the process (application id, loan id). */
  public static final SearchAttributeKey<String> BUSINESS_ID = SearchAttributeKey.forKeyword("TrancheBusinessId");
  /** The business status the workflow last reported. */
  public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("TrancheStatus");

  private SearchAttributes() {
  }
}
