package dev.tranche.api.servicing;

import dev.tranche.activities.chain.PaymentRecords;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.servicing.LoanFile;
import dev.tranche.activities.servicing.LoanRow;
import dev.tranche.api.security.Caller;
import dev.tranche.api.web.ApiProblem;
import dev.tranche.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/loans")
class LoanController {

  record LoanView(String loanId, String applicationId, String status, String lender, Money principal,
      BigDecimal apr, int termMonths, Money monthlyPayment, Money originationFee, Instant fundedAt,
      String paymentReference, List<InstallmentView> schedule, List<PoolDesk.Movement> onChain,
      List<PaymentRecords.Recorded> paymentRecords) {
  }

  record InstallmentView(int number, LocalDate dueDate, Money principal, Money interest, Money total,
      Money balanceAfter, String status) {
  }

  private final LoanFile loans;
  private final PoolDesk pools;
  private final PaymentRecords records;

  LoanController(LoanFile loans, PoolDesk pools, PaymentRecords records) {
    this.loans = loans;
    this.pools = pools;
    this.records = records;
  }

  @Operation(summary = "A loan's terms, payment schedule and its payments on the record: the liquidity pool's"
      + " movements when the pool funded it, the receipts contract's records when it was paid out to a wallet"
      + " (its borrower, staff)")
  @GetMapping("/{id}")
  LoanView get(@PathVariable UUID id, Authentication auth) {
    LoanRow loan = loans.find(id).filter(l -> Caller.of(auth).mayRead(l.borrowerId()))
        .orElseThrow(() -> ApiProblem.notFound("loan " + id));
    Currency currency = Currency.getInstance(loan.currency());
    List<InstallmentView> schedule = loans.currentSchedule(loan).stream()
        .map(i -> new InstallmentView(i.number(), i.dueDate(), new Money(i.principal(), currency),
            new Money(i.interest(), currency), new Money(i.total(), currency), new Money(i.balanceAfter(), currency),
            i.status()))
        .toList();
    return new LoanView(loan.id().toString(), loan.applicationId().toString(), loan.status(), loan.lender(),
        new Money(loan.principal(), currency), loan.apr(), loan.termMonths(), new Money(loan.monthlyPayment(), currency),
        new Money(loan.originationFee(), currency), loan.fundedAt(), loan.paymentReference(), schedule,
        pools.movements(loan.id().toString()), records.of(loan.id().toString()));
  }
}
