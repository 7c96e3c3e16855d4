-- The loan page reads a loan's ledger postings; the console pages page through thousands of loans.
create index ledger_transfers_loan on ledger_transfers (loan_id, created_at);
