-- Buy now, pay later: the product catalogue, merchants, checkout sessions that become bills, refunds,
-- daily settlement batches per merchant and the merchants' signed webhooks.

-- Products are data. A change of terms is a new version; a loan or a bill keeps the version it was made with.
create table products (
    code        text        not null check (code ~ '^[A-Z][A-Z0-9_]{2,40}$'),
    version     int         not null check (version > 0),
    name        text        not null,
    kind        text        not null check (kind in ('INSTALLMENT_LOAN', 'BNPL_BILL')),
    terms       jsonb       not null,
    created_at  timestamptz not null default now(),
    primary key (code, version)
);

insert into products (code, version, name, kind, terms) values
('INSTALLMENT_LOAN', 1, 'Installment loan', 'INSTALLMENT_LOAN', '{
  "currency": "USD", "minAmount": "1000.00", "maxAmount": "50000.00", "termsMonths": [12, 24, 36, 48, 60],
  "lateFee": "25.00", "returnedPaymentFee": "15.00", "gracePeriodDays": 0,
  "collectionLadderDays": {"friendly": 1, "warning": 7, "final": 13, "lateFee": 14, "agency": 30},
  "chargeOffDays": 120}'),
('COLLATERALISED_INSTALLMENT_LOAN', 1, 'Collateralised installment loan', 'INSTALLMENT_LOAN', '{
  "currency": "USD", "minAmount": "1000.00", "maxAmount": "50000.00", "termsMonths": [12, 24, 36, 48, 60],
  "lateFee": "25.00", "returnedPaymentFee": "15.00", "gracePeriodDays": 0,
  "collateralRatio": "1.11", "liquidationHealthFactor": "1.00",
  "collectionLadderDays": {"friendly": 1, "warning": 7, "final": 13, "lateFee": 14, "agency": 30},
  "chargeOffDays": 120}'),
('BNPL_BILL', 1, 'Pay in 14 days', 'BNPL_BILL', '{
  "currency": "USD", "minAmount": "10.00", "maxAmount": "5000.00", "gracePeriodDays": 14,
  "lateInterestApr": "0.30", "dayCountBasis": 365, "merchantFeeRate": "0.015", "lateFee": "0.00",
  "collateralRatio": "1.11",
  "collectionLadderDays": {"friendly": 1, "warning": 7, "final": 13, "lateFee": 14, "agency": 30},
  "checkoutMinutes": 30}');

alter table loans
    add column product_code    text not null default 'INSTALLMENT_LOAN',
    add column product_version int  not null default 1,
    add constraint loans_product foreign key (product_code, product_version) references products (code, version);

create table merchants (
    id                           text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                         text        not null,
    legal_name                   text        not null,
    webhook_url                  text        not null,
    webhook_secret_ciphertext    bytea       not null,
    settlement_account_ciphertext bytea      not null,
    settlement_account_last4     char(4)     not null,
    rate_per_minute              int         not null check (rate_per_minute > 0),
    kyb_status                   text        not null check (kyb_status in ('PASSED', 'FAILED')),
    kyb_reference                text        not null,
    created_at                   timestamptz not null default now()
);

create table merchant_api_keys (
    key_hash    char(64) primary key,
    merchant_id text        not null references merchants (id),
    prefix      text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz
);
create index merchant_api_keys_merchant on merchant_api_keys (merchant_id);

-- A checkout session becomes a bill when the shopper confirms: one row, one id, one workflow (bill-{id}).
create table bills (
    id                uuid primary key,
    merchant_id       text           not null references merchants (id),
    order_reference   text           not null,
    amount            numeric(19, 2) not null check (amount > 0),
    currency          char(3)        not null,
    product_code      text           not null,
    product_version   int            not null,
    merchant_fee      numeric(19, 2) not null check (merchant_fee >= 0),
    success_url       text           not null,
    cancel_url        text           not null,
    status            text           not null,
    shopper           text,
    payment_reference text           not null unique,
    expires_at        timestamptz    not null,
    captured_at       timestamptz,
    captured_on       date,
    due_date          date,
    refunded          numeric(19, 2) not null default 0 check (refunded >= 0),
    paid              numeric(19, 2) not null default 0,
    late_interest     numeric(19, 2) not null default 0,
    outstanding       numeric(19, 2) not null default 0,
    settlement_id     text,
    created_at        timestamptz    not null default now(),
    updated_at        timestamptz    not null default now(),
    foreign key (product_code, product_version) references products (code, version),
    unique (merchant_id, order_reference)
);
create index bills_merchant on bills (merchant_id, created_at desc);
create index bills_shopper on bills (shopper) where shopper is not null;
create index bills_unsettled on bills (merchant_id) where captured_on is not null and settlement_id is null;

create table bill_refunds (
    id            text primary key,
    bill_id       uuid           not null references bills (id),
    amount        numeric(19, 2) not null check (amount > 0),
    fee_returned  numeric(19, 2) not null check (fee_returned >= 0),
    reason        text,
    business_date date           not null,
    settlement_id text,
    created_at    timestamptz    not null default now()
);
create index bill_refunds_unsettled on bill_refunds (bill_id) where settlement_id is null;

-- What happened to a bill, in order: authorised, captured, payments, refunds, each collection stage.
create table bill_events (
    bill_id     uuid        not null references bills (id),
    kind        text        not null,
    detail      jsonb       not null default '{}',
    occurred_at timestamptz not null default now(),
    primary key (bill_id, kind)
);

-- One batch per merchant and business date: the bills captured and refunds made until its cut-off, one payout.
create table settlements (
    id            text primary key,
    merchant_id   text           not null references merchants (id),
    business_date date           not null,
    bills         int            not null,
    gross         numeric(19, 2) not null,
    fees          numeric(19, 2) not null,
    refunds       numeric(19, 2) not null,
    net           numeric(19, 2) not null,
    currency      char(3)        not null,
    status        text           not null check (status in ('PAID', 'NOTHING_TO_PAY', 'CARRIED_FORWARD')),
    payout_id     text,
    created_at    timestamptz    not null default now(),
    unique (merchant_id, business_date)
);

-- Outbound merchant webhooks: one row per event id, delivered at least once, retried by Temporal.
create table merchant_events (
    event_id     text primary key,
    merchant_id  text        not null references merchants (id),
    type         text        not null,
    bill_id      uuid,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    attempts     int         not null default 0,
    last_error   text,
    delivered_at timestamptz
);
create index merchant_events_merchant on merchant_events (merchant_id, created_at desc);
