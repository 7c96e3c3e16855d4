-- Origination depth: CRM partners, borrower links, lender marketplace quotes, underwriting review,
-- adverse action notices.

-- A CRM-invited applicant exists before the borrower has given identity, income or address.
alter table applicants
    alter column ssn_ciphertext drop not null,
    alter column ssn_fingerprint drop not null,
    alter column ssn_last4 drop not null,
    alter column dob_ciphertext drop not null,
    alter column address_line1 drop not null,
    alter column city drop not null,
    alter column region drop not null,
    alter column postal_code drop not null,
    alter column country drop not null,
    alter column monthly_income drop not null;
alter table applicants add constraint applicants_identity_complete check (
    (ssn_ciphertext is null) = (dob_ciphertext is null));

create table partners (
    id                       text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name                     text        not null,
    crm_base_url             text        not null,
    crm_token_ciphertext     bytea       not null,
    webhook_url              text        not null,
    webhook_secret_ciphertext bytea      not null,
    rate_per_minute          int         not null default 100 check (rate_per_minute > 0),
    created_at               timestamptz not null default now()
);

-- API keys are stored as SHA-256 hashes; the key itself is shown once. Rotation adds a key and
-- gives the old ones an expiry, so a partner can roll without downtime.
create table partner_api_keys (
    key_hash    char(64) primary key,
    partner_id  text        not null references partners (id),
    prefix      text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz
);
create index partner_api_keys_partner on partner_api_keys (partner_id);

create table partner_jobs (
    application_id   uuid primary key references applications (id),
    partner_id       text        not null references partners (id),
    crm_customer_id  text        not null,
    job_id           text        not null,
    job_description  text        not null,
    estimate_amount  numeric(19, 2) not null check (estimate_amount > 0),
    currency         char(3)     not null,
    created_at       timestamptz not null default now(),
    unique (partner_id, job_id)
);

-- One-time borrower links: looked up by the token's hash; the token itself only encrypted, so the
-- text can be (re)sent by the workflow's activity without the token ever entering workflow history.
create table borrower_links (
    token_hash      char(64) primary key,
    token_ciphertext bytea      not null,
    application_id  uuid        not null unique references applications (id),
    expires_at      timestamptz not null,
    used_at         timestamptz
);

-- What the CRM has been told, once per (application, status).
create table crm_writebacks (
    application_id uuid        not null references applications (id),
    status         text        not null,
    delivered_at   timestamptz not null default now(),
    primary key (application_id, status)
);

-- Outbound partner webhooks: one row per event id, delivered at least once.
create table partner_events (
    event_id       text primary key,
    partner_id     text        not null references partners (id),
    type           text        not null,
    application_id uuid        not null references applications (id),
    payload        jsonb       not null,
    created_at     timestamptz not null default now(),
    attempts       int         not null default 0,
    last_error     text,
    delivered_at   timestamptz
);

alter table offers
    add column quote_id      text,
    add column reg_z_apr     numeric(7, 4),
    add column finance_charge numeric(19, 2),
    add column amount_financed numeric(19, 2),
    add column disclosure    jsonb,
    add column conditions    jsonb not null default '[]';

create table adverse_action_notices (
    application_id    uuid primary key references applications (id),
    decided_by        text        not null,
    principal_reasons jsonb       not null check (jsonb_array_length(principal_reasons) between 1 and 4),
    credit_score      int,
    score_range_low   int         not null,
    score_range_high  int         not null,
    notice_text       text        not null,
    issued_at         timestamptz not null default now()
);

alter table review_queue
    add column priority        int         not null default 0,
    add column claimed_by      text,
    add column required_role   text        not null default 'UNDERWRITER',
    add column first_approver  text,
    add column revision        int         not null default 0,
    add column escalated       boolean     not null default false;
drop index review_queue_status;
create index review_queue_order on review_queue (status, priority desc, created_at);
