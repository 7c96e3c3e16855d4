package dev.tranche.application;

import dev.tranche.decision.Decision;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.LenderQuotes;
import dev.tranche.marketplace.MarketplaceActivities;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotes from the lender marketplace, asked in rounds: a round that brings no quote while some lender
 * has not answered (down, failing, its circuit open) is followed by another, with backoff, for the
 * quote retry window.
 */
final class MarketQuotes {

  private final String applicationId;
  private final ProcessSettings settings;

  MarketQuotes(String applicationId, ProcessSettings settings) {
    this.applicationId = applicationId;
    this.settings = settings;
  }

  /**
   * The quotes (empty only when every lender answered and none offered: a decision), or null when
   * lenders were still unreachable at the end of the window.
   */
  List<LenderQuote> ask(Money amount, Decision decision) {
    List<String> waiting = new ArrayList<>(settings.lenders());
    List<LenderQuote> quotes = new ArrayList<>();
    long until = Workflow.currentTimeMillis() + settings.quoteRetryWindow() * 1000;
    long backoff = 2_000;
    while (true) {
      round(waiting, quotes, amount, decision);
      if (!quotes.isEmpty() || waiting.isEmpty()) {
        return quotes;
      }
      if (Workflow.currentTimeMillis() + backoff > until) {
        return null;
      }
      Workflow.sleep(Duration.ofMillis(backoff));
      backoff = Math.min(backoff * 2, 60_000);
    }
  }

  /**
   * Asks {@code lenders} in parallel and waits at most the quote deadline: a slow or failing lender is
   * skipped (and stays in {@code lenders}), its late answer ignored; those that answered are removed.
   */
  private void round(List<String> lenders, List<LenderQuote> quotes, Money amount, Decision decision) {
    MarketplaceActivities market = Workflow.newActivityStub(MarketplaceActivities.class,
        ActivityOptionsCatalog.quote(settings.quoteDeadline()));
    Map<String, Promise<LenderQuotes>> asked = new LinkedHashMap<>();
    for (String lender : lenders) {
      asked.put(lender, Async.function(market::requestQuotes,
          new QuoteRequest(applicationId, lender, amount, decision.tier(), decision.score())));
    }
    Workflow.await(Duration.ofMillis(settings.quoteDeadline()),
        () -> asked.values().stream().allMatch(Promise::isCompleted));
    asked.forEach((lender, answer) -> {
      if (answer.isCompleted() && answer.getFailure() == null) {
        quotes.addAll(answer.get().quotes());
        lenders.remove(lender);
      }
    });
  }
}
