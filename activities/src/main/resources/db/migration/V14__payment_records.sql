-- Payments on the record: each payment on a loan paid out to the borrower's wallet, written once to the chain's
-- receipts contract (PaymentRecorded carries the keccak-256 hash of the ledger transfer's key as `receipt`).
create table payment_records (
    ledger_key   text primary key,
    loan_id      uuid           not null,
    chain        text           not null,
    receipt      text           not null unique,
    amount       numeric(19, 2) not null,
    currency     char(3)        not null,
    tx_hash      text           not null,
    block_number bigint         not null,
    status       text           not null check (status in ('MINED', 'REVERTED')),
    created_at   timestamptz    not null default now()
);
create index payment_records_loan on payment_records (loan_id);
