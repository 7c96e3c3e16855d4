-- The liquidity pool (the DeFi lender): which bills it funds, every movement of its money as mined, its
-- reconciliations against the contract, and how far its providers' events have been read.

-- Who funds a bill: null until its capture decides, then POOL:{chain} or BALANCE_SHEET (Tranche's own cash).
alter table bills add column funding text;

create table pool_movements (
    key          text primary key,
    chain        text           not null,
    kind         text           not null check (kind in ('DRAW', 'REPAY', 'WRITE_OFF', 'LP_DEPOSIT', 'LP_WITHDRAWAL')),
    loan_id      uuid,
    principal    numeric(19, 2) not null,
    interest     numeric(19, 2) not null,
    receipt      text,
    tx_hash      text           not null,
    block_number bigint         not null,
    status       text           not null check (status in ('MINED', 'REVERTED')),
    created_at   timestamptz    not null default now()
);
create index pool_movements_loan on pool_movements (loan_id);
create unique index pool_movements_receipt on pool_movements (receipt) where receipt is not null;

create table pool_reconciliations (
    id            bigserial primary key,
    chain         text           not null,
    ledger_assets numeric(30, 6) not null,
    chain_assets  numeric(30, 6) not null,
    ledger_loans  numeric(30, 6) not null,
    chain_loans   numeric(30, 6) not null,
    block_number  bigint         not null,
    status        text           not null check (status in ('MATCHED', 'MISMATCH')),
    checked_at    timestamptz    not null default now()
);
create index pool_reconciliations_chain on pool_reconciliations (chain, id desc);

create table pool_sync (
    chain      text primary key,
    last_block bigint not null
);
