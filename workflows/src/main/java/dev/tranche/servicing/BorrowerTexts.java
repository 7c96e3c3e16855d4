package dev.tranche.servicing;

import dev.tranche.common.NotificationActivities;
import dev.tranche.common.Sms;
import dev.tranche.common.Texts;
import dev.tranche.money.Installment;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/** The texts servicing sends a borrower, each once (keyed by loan and installment or debit). */
final class BorrowerTexts {

  private final NotificationActivities sms = Workflow.newActivityStub(NotificationActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build()).build());
  private final String loanId;

  BorrowerTexts(String loanId) {
    this.loanId = loanId;
  }

  /** A reminder before installment {@code n}'s due date, unless it is paid or a held credit covers it. */
  void remind(String template, int n, Installment due, LoanAccount account, boolean beforeDue) {
    LoanTerms terms = account.terms();
    if (!beforeDue || account.position().credit().compareTo(terms.levelPayment()) >= 0 || account.owed(n) != null) {
      return;
    }
    send(template + ":" + loanId + ":" + n, terms, template, Map.of("amount", terms.levelPayment().toString(),
        "dueDate", due.dueDate().toString(), "autopay", String.valueOf(terms.autopay())));
  }

  /** The autopay debit came back. */
  void returned(AutopayWatch.Returned returned, LoanTerms terms) {
    send("payment-returned:" + returned.key(), terms, "payment-returned", Map.of("amount",
        returned.amount().toString(), "code", returned.code()));
  }

  private void send(String key, LoanTerms terms, String template, Map<String, String> params) {
    Texts.send(sms, new Sms(key, terms.applicationId(), template, params));
  }
}
