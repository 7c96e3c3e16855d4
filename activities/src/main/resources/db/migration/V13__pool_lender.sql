-- The liquidity pool as a lender in the marketplace: whether its pool lends to applicants at all and how much
-- of the pool one loan may take (set by an admin; no row: the pool does not lend), and the loans it funded,
-- each with its payout to the borrower.
create table pool_lending_terms (
    chain          text primary key,
    open           boolean       not null,
    max_loan_share numeric(5, 4) not null check (max_loan_share > 0 and max_loan_share <= 1),
    updated_by     text          not null,
    updated_at     timestamptz   not null default now()
);

create table pool_loans (
    loan_id        uuid primary key,
    chain          text           not null,
    application_id uuid           not null,
    lender         text           not null,
    amount         numeric(19, 2) not null,
    currency       char(3)        not null,
    payout_id      text,
    paid_out_at    timestamptz,
    created_at     timestamptz    not null default now()
);
