package dev.tranche.chain;

/** The vault follows the loan's balance, {@code debtUsd}, sent once under {@code idempotencyKey}. */
public record DebtUpdate(String chain, String loanId, String debtUsd, String idempotencyKey) {
}
