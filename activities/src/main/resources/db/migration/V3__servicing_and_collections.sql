-- Servicing and collections: the loan read model, collection cases, suspense, SMS consent, sweeps.

alter table loans
    add column payment_reference     text unique,
    add column principal_outstanding numeric(19, 2),
    add column interest_due          numeric(19, 2) not null default 0,
    add column fees_due              numeric(19, 2) not null default 0,
    add column penalties_due         numeric(19, 2) not null default 0,
    add column past_due              numeric(19, 2) not null default 0,
    add column credit                numeric(19, 2) not null default 0,
    add column days_past_due         int            not null default 0,
    add column bucket                text           not null default 'current',
    add column next_due_date         date,
    add column schedule_version      int            not null default 1,
    add column snapshot              jsonb,
    add column snapshot_at           timestamptz;
update loans set payment_reference = 'TR' || upper(substr(replace(id::text, '-', ''), 1, 12)),
                 principal_outstanding = principal
 where payment_reference is null;
create index loans_status_bucket on loans (status, bucket);

alter table installments add column reason text, add column approved_by text;

create table collection_cases (
    loan_id      uuid        not null references loans (id),
    installment  int         not null,
    stage        text        not null,
    agency_ack   text,
    opened_at    timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (loan_id, installment)
);

create table collection_events (
    id          bigserial primary key,
    loan_id     uuid        not null references loans (id),
    installment int         not null,
    stage       text        not null,
    business_at timestamptz not null,
    recorded_at timestamptz not null default now(),
    unique (loan_id, installment, stage)
);

-- Collateralised loans hand off to the on-chain liquidation workflow from here.
create table liquidation_requests (
    loan_id      uuid        not null references loans (id),
    installment  int         not null,
    requested_at timestamptz not null default now(),
    primary key (loan_id)
);

-- Payments that matched no loan: posted to suspense, waiting for ops.
create table suspense_payments (
    event_id          text primary key,
    payment_reference text           not null,
    amount            numeric(19, 2) not null check (amount > 0),
    currency          char(3)        not null,
    received_at       timestamptz    not null,
    resolved_at       timestamptz,
    created_at        timestamptz    not null default now()
);

-- STOP / START replies from borrowers (by phone); collection and marketing texts respect them.
create table sms_consents (
    phone      text primary key,
    opted_out  boolean     not null,
    updated_at timestamptz not null default now()
);

-- When the workflow meant the text to go (its own clock, which tests skip), for quiet-hours audits.
alter table sms_messages add column business_time timestamptz;

create table collection_sweeps (
    business_date date primary key,
    report        jsonb       not null,
    finished_at   timestamptz not null default now()
);
