-- A dropped or stuck transaction is sent again (same nonce, higher fee): the row keeps what to send,
-- the fee it was sent at, and every hash it has had, so whichever attempt is mined is recognised.
alter table chain_transactions
    add column to_address   text,
    add column data         text,
    add column gas_price    numeric(78, 0),
    add column attempts     integer     not null default 1,
    add column replaced     text[]      not null default '{}',
    add column submitted_at timestamptz not null default now();

-- What a collateralised application asks the borrower to deposit, and what arrived.
create table collateral_requirements (
    loan_id          uuid primary key,
    application_id   uuid           not null unique,
    chain            text           not null,
    vault_address    text           not null,
    token_address    text           not null,
    wallet_address   text           not null,
    required_wei     numeric(78, 0) not null,
    debt_usd         numeric(19, 2) not null,
    price_wad        numeric(78, 0) not null,
    deadline         timestamptz    not null,
    deposited_wei    numeric(78, 0),
    deposit_tx       text,
    status           text           not null default 'AWAITING_DEPOSIT',
    created_at       timestamptz    not null default now()
);

-- The signed transaction itself: a worker that dies between storing and sending broadcasts it again.
alter table chain_transactions add column raw_tx text;
