-- On-chain liquidation: every transaction is stored under its business key before anyone waits.
create table chain_transactions (
    idempotency_key text primary key,
    chain           text        not null,
    loan_id         uuid        not null,
    tx_hash         text        not null,
    nonce           bigint      not null,
    status          text        not null default 'SUBMITTED',
    created_at      timestamptz not null default now()
);

create table liquidations (
    loan_id       uuid primary key,
    chain         text           not null,
    tx_hash       text           not null,
    seized_wei    numeric(78, 0) not null,
    returned_wei  numeric(78, 0) not null,
    debt_usd_wei  numeric(78, 0) not null,
    price_wad     numeric(78, 0) not null,
    proceeds_usd  numeric(19, 2) not null,
    booked_at     timestamptz    not null default now()
);
