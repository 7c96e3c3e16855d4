package dev.tranche.activities.pool;

import dev.tranche.activities.audit.AuditLog;
import dev.tranche.activities.chain.PoolDesk;
import dev.tranche.activities.ledger.AccountType;
import dev.tranche.activities.ledger.Ledger;
import dev.tranche.activities.ledger.Leg;
import dev.tranche.activities.ledger.Transfer;
import dev.tranche.activities.marketplace.MarketplaceProperties;
import dev.tranche.activities.support.AfterCommit;
import dev.tranche.activities.verification.ProviderHttp;
import dev.tranche.chain.PoolCall;
import dev.tranche.common.FailureType;
import dev.tranche.disbursement.LenderCommand;
import dev.tranche.disbursement.LenderLoan;
import dev.tranche.marketplace.LenderQuote;
import dev.tranche.marketplace.QuoteRequest;
import dev.tranche.money.Money;
import dev.tranche.servicing.Allocation;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The liquidity pool as a lender in the marketplace, beside the traditional ones. It quotes from its on-chain
 * utilisation (the rate curve of {@link PoolLendingProperties}) while an admin has opened its lending, and
 * declines when its idle liquidity is short or the loan would take more than the pool's {@code maxLoanShare}.
 * An accepted pool offer is funded by a draw on chain (the loan's {@code pool-loan-{id}} workflow, which alone
 * signs), then paid out to the borrower over the payment rail; each payment servicing books sends the principal
 * and the pool's share of the interest back, and a charge-off writes the unpaid principal off the pool.
 */
@Component
public class PoolLending {

  /** What an admin set for a pool's lending: whether it lends, and the largest share of the pool one loan takes. */
  public record Terms(String chain, boolean open, BigDecimal maxLoanShare, String updatedBy, Instant updatedAt) {
  }

  /** A loan the pool funded: its draw's amount and, once paid out, the rail's credit id. */
  private record PoolLoan(String loanId, String chain, String lender, Money amount, String payoutId,
      Instant paidOutAt) {
  }

  private final PoolLendingProperties properties;
  private final MarketplaceProperties marketplace;
  private final PoolDesk pools;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Ledger ledger;
  private final AuditLog audit;
  private final BigDecimal interestShare;
  private final ProviderHttp rail;

  public PoolLending(PoolLendingProperties properties, MarketplaceProperties marketplace, PoolDesk pools, JdbcClient jdbc,
      TransactionTemplate tx, Ledger ledger, AuditLog audit,
      @Value("${tranche.servicing.rail-url}") String railUrl) {
    this.properties = properties;
    this.marketplace = marketplace;
    this.pools = pools;
    this.jdbc = jdbc;
    this.tx = tx;
    this.ledger = ledger;
    this.audit = audit;
    this.interestShare = properties.interestShare();
    this.rail = new ProviderHttp("payment-rail", FailureType.PROVIDER_REJECTED, railUrl, 2000, 10_000);
  }

  /** Whether {@code lender} is the pool (its marketplace entry has the format {@code pool}). */
  public boolean isPool(String lender) {
    MarketplaceProperties.Lender entry = marketplace.lenders() == null ? null : marketplace.lenders().get(lender);
    return entry != null && "pool".equals(entry.format());
  }

  public Optional<Terms> terms(String chain) {
    return jdbc.sql("select chain, open, max_loan_share, updated_by, updated_at from pool_lending_terms where chain = ?")
        .param(chain)
        .query((rs, n) -> new Terms(rs.getString(1), rs.getBoolean(2), rs.getBigDecimal(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()))
        .optional();
  }

  /** Opens or closes the pool's lending to applicants; audited. */
  public Terms setTerms(String chain, boolean open, BigDecimal maxLoanShare, String actor) {
    jdbc.sql("""
            insert into pool_lending_terms (chain, open, max_loan_share, updated_by) values (?, ?, ?, ?)
            on conflict (chain) do update set open = excluded.open, max_loan_share = excluded.max_loan_share,
                updated_by = excluded.updated_by, updated_at = now()""")
        .params(chain, open, maxLoanShare, actor).update();
    audit.record(actor, open ? "POOL_LENDING_OPENED" : "POOL_LENDING_CLOSED", "pool", chain,
        Map.of("maxLoanShare", maxLoanShare.toPlainString()));
    return terms(chain).orElseThrow();
  }

  /** The chain whose pool lends to applicants, if any. */
  public Optional<String> chain() {
    return properties.lends() ? Optional.of(properties.chain()) : Optional.empty();
  }

  /** The rate the pool would quote a tier for {@code amount} now, or empty when it would decline. */
  public List<LenderQuote> quote(String lender, QuoteRequest request, long nowMillis) {
    Optional<Terms> open = chain().flatMap(this::terms).filter(Terms::open);
    if (open.isEmpty() || !"USD".equals(request.amount().currency().getCurrencyCode())) {
      return List.of();
    }
    String chain = open.get().chain();
    PoolDesk.Funds funds = pools.funds(chain);
    BigDecimal amount = request.amount().amount();
    BigDecimal cap = funds.totalAssets().multiply(open.get().maxLoanShare());
    if (funds.idle().compareTo(amount) < 0 || amount.compareTo(cap) > 0) {
      return List.of();
    }
    BigDecimal utilisation = PoolLendingProperties.utilisationAfter(funds.lent(), amount, funds.totalAssets());
    BigDecimal rate = properties.rate(request.tier(), utilisation);
    long expires = nowMillis + properties.quoteValidSeconds() * 1000;
    return properties.terms().stream()
        .map(term -> new LenderQuote(lender, "PQ-" + chain + "-" + utilisation.toPlainString() + "-" + term, term,
            rate, Money.zero(request.amount().currency()), expires))
        .toList();
  }

  /** Takes the loan on while the pool lends and holds the amount; the same loan again is the same answer. */
  public LenderLoan create(LenderCommand command) {
    if (loan(command.loanId()).isPresent()) {
      return new LenderLoan(lenderLoanId(command.loanId()), "CREATED", 0);
    }
    String chain = chain().filter(c -> terms(c).map(Terms::open).orElse(false))
        .orElseThrow(() -> refused("the liquidity pool is not lending now"));
    if (!pools.canFund(chain, command.amount())) {
      throw refused("the liquidity pool's idle liquidity is short of " + command.amount());
    }
    jdbc.sql("""
            insert into pool_loans (loan_id, chain, application_id, lender, amount, currency)
            values (?, ?, ?, ?, ?, ?) on conflict (loan_id) do nothing""")
        .params(UUID.fromString(command.loanId()), chain, UUID.fromString(command.applicationId()), command.lender(),
            command.amount().amount(), command.amount().currency().getCurrencyCode())
        .update();
    return new LenderLoan(lenderLoanId(command.loanId()), "CREATED", 0);
  }

  /**
   * Draws the amount from the pool (once, by the loan's key) and, when the draw is mined, pays the borrower out
   * over the rail. A draw not mined yet is a retryable failure, so the disbursement's retries wait for the chain;
   * a reverted draw is the pool's refusal. {@code nowMillis} is the business time of the payout (the Temporal
   * server's, which the embedded run's dev clock moves): the loan's schedule starts from it.
   */
  public LenderLoan disburse(LenderCommand command, long nowMillis) {
    PoolLoan loan = loan(command.loanId()).orElseThrow(() -> refused("no pool loan " + command.loanId()));
    if (loan.payoutId() != null) {
      return funded(loan);
    }
    pools.send(new PoolCall(loan.chain(), PoolCall.DRAW, drawKey(loan.loanId()), loan.loanId(), loan.amount(), null,
        null, null));
    String draw = drawStatus(loan.loanId())
        .orElseThrow(() -> ApplicationFailure.newBuilder().setType("POOL_DRAW_PENDING")
            .setMessage("the pool's draw for loan " + loan.loanId() + " is not mined yet")
            .setCategory(io.temporal.failure.ApplicationErrorCategory.BENIGN).build());
    if (!"MINED".equals(draw)) {
      throw refused("the pool's draw for loan " + loan.loanId() + " reverted (idle liquidity taken meanwhile)");
    }
    return funded(payOut(loan, nowMillis));
  }

  public LenderLoan status(LenderCommand command) {
    PoolLoan loan = loan(command.loanId()).orElseThrow(() -> refused("no pool loan " + command.loanId()));
    if (loan.payoutId() != null) {
      return funded(loan);
    }
    return new LenderLoan(lenderLoanId(loan.loanId()),
        drawStatus(loan.loanId()).filter("REVERTED"::equals).map(s -> "FAILED").orElse("PENDING"), 0);
  }

  /** A disbursement given up after the draw was mined and before the payout: the principal goes back. */
  public void cancel(LenderCommand command) {
    loan(command.loanId()).filter(l -> l.payoutId() == null)
        .filter(l -> drawStatus(l.loanId()).filter("MINED"::equals).isPresent())
        .ifPresent(l -> pools.send(new PoolCall(l.chain(), PoolCall.REPAY, "cancel:" + l.loanId(), l.loanId(),
            l.amount(), Money.zero(l.amount().currency()), PoolDesk.receipt("cancel:" + l.loanId()), null)));
  }

  /**
   * A payment booked on a pool-funded loan under {@code ledgerKey}: its principal and the pool's share of its
   * interest go back to the pool, sent after the posting commits (the pool workflow takes each key once).
   */
  public void repaid(String loanId, Allocation allocation, String ledgerKey) {
    loan(loanId).filter(l -> l.payoutId() != null).ifPresent(l -> {
      Money interest = allocation.interest().times(interestShare, RoundingMode.HALF_EVEN);
      if (!allocation.principal().positive() && !interest.positive()) {
        return;
      }
      AfterCommit.run(() -> pools.send(new PoolCall(l.chain(), PoolCall.REPAY, "repay:" + ledgerKey, loanId,
          allocation.principal(), interest, PoolDesk.receipt(ledgerKey), null)));
    });
  }

  /** A pool-funded loan charged off: the pool bears its unpaid principal (recoveries stay Tranche's). */
  public void chargedOff(String loanId, Money principal) {
    loan(loanId).filter(l -> l.payoutId() != null && principal.positive())
        .ifPresent(l -> AfterCommit.run(() -> pools.send(new PoolCall(l.chain(), PoolCall.WRITE_OFF,
            "write-off:" + loanId, loanId, principal, null, null, null))));
  }

  private PoolLoan payOut(PoolLoan loan, long nowMillis) {
    JsonNode answer = rail.post("/rails/v1/credits", Map.of("account", "acct-" + loan.loanId(), "amount",
        loan.amount().amount().toPlainString(), "currency", loan.amount().currency().getCurrencyCode(),
        "reference", loan.loanId()), Map.of("Idempotency-Key", "pool-payout:" + loan.loanId()), null);
    String payoutId = answer.path("creditId").asString();
    tx.executeWithoutResult(status -> {
      int updated = jdbc.sql("""
              update pool_loans set payout_id = ?, paid_out_at = ? where loan_id = ? and payout_id is null""")
          .params(payoutId, java.sql.Timestamp.from(Instant.ofEpochMilli(nowMillis)), UUID.fromString(loan.loanId()))
          .update();
      if (updated == 0) {
        return;
      }
      // The drawn stablecoin pays the borrower what the loan's booking owes the lender.
      ledger.post(new Transfer("pool-payout:" + loan.loanId(), "POOL_PAYOUT", loan.loanId(),
          "payout of pool loan " + loan.loanId() + " (" + payoutId + ")", List.of(
              Leg.debit("lender:" + loan.lender() + ":funding", AccountType.LIABILITY, loan.amount()),
              Leg.credit(PoolDesk.stablecoinAccount(loan.chain()), AccountType.ASSET, loan.amount()))));
      audit.record("system:pool", "POOL_LOAN_PAID_OUT", "loan", loan.loanId(), Map.of("payout", payoutId,
          "amount", loan.amount().amount().toPlainString()));
    });
    return loan(loan.loanId()).orElseThrow();
  }

  private Optional<PoolLoan> loan(String loanId) {
    return jdbc.sql("select chain, lender, amount, currency, payout_id, paid_out_at from pool_loans where loan_id = ?")
        .param(UUID.fromString(loanId))
        .query((rs, n) -> new PoolLoan(loanId, rs.getString(1), rs.getString(2),
            Money.of(rs.getBigDecimal(3), rs.getString(4)), rs.getString(5),
            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
        .optional();
  }

  private Optional<String> drawStatus(String loanId) {
    return jdbc.sql("select status from pool_movements where key = ?").param(drawKey(loanId)).query(String.class)
        .optional();
  }

  private static String drawKey(String loanId) {
    return "draw:" + loanId;
  }

  private static String lenderLoanId(String loanId) {
    return "pool-" + loanId;
  }

  private static LenderLoan funded(PoolLoan loan) {
    return new LenderLoan(lenderLoanId(loan.loanId()), "FUNDED", loan.paidOutAt().toEpochMilli());
  }

  private static ApplicationFailure refused(String why) {
    return ApplicationFailure.newNonRetryableFailure(why, FailureType.LENDER_REJECTED.name());
  }
}
