package dev.tranche.chain;

/** Lock a loan's deposit as security for {@code debtUsd}. */
public record DebtLock(String chain, String loanId, String debtUsd) {
}
