package dev.tranche.chain;

import dev.tranche.money.Money;

/**
 * A payment on a loan funded on chain (paid out to the borrower's wallet), to be written once to the chain's
 * receipts contract: the loan, the amount, and the key of the ledger transfer that booked it (the record carries
 * its keccak-256 hash, so anyone holding the booking can find the payment on chain).
 */
public record PaymentRecord(String chain, String loanId, String ledgerKey, Money amount) {
}
