-- Tranche foundation schema. PostgreSQL is the system of record for business facts.
-- PII (SSN, date of birth) is stored only as AES-GCM ciphertext plus a keyed fingerprint.

create table applicants (
    id                 uuid primary key,
    borrower_id        text        not null,
    first_name         text        not null,
    last_name          text        not null,
    email              text        not null,
    phone              text        not null,
    ssn_ciphertext     bytea       not null,
    ssn_fingerprint    text        not null,
    ssn_last4          char(4)     not null,
    dob_ciphertext     bytea       not null,
    pii_key_id         text        not null,
    address_line1      text        not null,
    city               text        not null,
    region             text        not null,
    postal_code        text        not null,
    country            char(2)     not null,
    monthly_income     numeric(19, 2) not null check (monthly_income >= 0),
    created_at         timestamptz not null default now()
);
create index applicants_borrower on applicants (borrower_id);

create table applications (
    id                  uuid primary key,
    applicant_id        uuid        not null references applicants (id),
    borrower_id         text        not null,
    requested_amount    numeric(19, 2) not null check (requested_amount > 0),
    currency            char(3)     not null,
    purpose             text        not null,
    consent_credit_pull boolean     not null,
    consent_esign       boolean     not null,
    status              text        not null,
    reason_codes        jsonb       not null default '[]',
    loan_id             uuid,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index applications_borrower on applications (borrower_id, created_at desc);

create table verification_results (
    application_id uuid        not null references applications (id),
    kind           text        not null,
    provider_ref   text,
    result         jsonb       not null,
    created_at     timestamptz not null default now(),
    primary key (application_id, kind)
);

create table decisions (
    id              bigserial primary key,
    application_id  uuid        not null references applications (id),
    decided_by      text        not null,
    outcome         text        not null,
    score           numeric(8, 2) not null,
    tier            text        not null,
    policy_version  text        not null,
    rule_hits       jsonb       not null,
    reason_codes    jsonb       not null,
    facts           jsonb       not null,
    notes           text,
    created_at      timestamptz not null default now(),
    unique (application_id, decided_by)
);

create table offers (
    application_id    uuid        not null references applications (id),
    offer_id          text        not null,
    tier              text        not null,
    lender            text        not null,
    principal         numeric(19, 2) not null,
    currency          char(3)     not null,
    term_months       int         not null check (term_months > 0),
    apr               numeric(7, 3) not null,
    monthly_payment   numeric(19, 2) not null,
    origination_fee   numeric(19, 2) not null,
    total_of_payments numeric(19, 2) not null,
    expires_at        timestamptz not null,
    primary key (application_id, offer_id)
);

create table signatures (
    application_id   uuid primary key references applications (id),
    offer_id         text        not null,
    signer           text        not null,
    signature_name   text        not null,
    signed_at        timestamptz not null,
    ip_address       text,
    user_agent       text,
    agreement_sha256 char(64)    not null
);

create table loans (
    id               uuid primary key,
    application_id   uuid        not null unique references applications (id),
    borrower_id      text        not null,
    lender           text        not null,
    lender_loan_id   text        not null,
    principal        numeric(19, 2) not null check (principal > 0),
    currency         char(3)     not null,
    apr              numeric(7, 3) not null,
    term_months      int         not null,
    monthly_payment  numeric(19, 2) not null,
    origination_fee  numeric(19, 2) not null,
    status           text        not null,
    funded_at        timestamptz not null,
    created_at       timestamptz not null default now()
);
create index loans_borrower on loans (borrower_id);

create table installments (
    loan_id          uuid        not null references loans (id),
    schedule_version int         not null default 1,
    number           int         not null,
    due_date         date        not null,
    principal        numeric(19, 2) not null,
    interest         numeric(19, 2) not null,
    total            numeric(19, 2) not null,
    balance_after    numeric(19, 2) not null,
    status           text        not null default 'SCHEDULED',
    primary key (loan_id, schedule_version, number),
    check (total = principal + interest)
);

-- Double-entry ledger: append-only, one row per leg, amounts positive, debits = credits per transfer.
create table ledger_accounts (
    id       bigserial primary key,
    code     text    not null unique,
    type     text    not null check (type in ('ASSET', 'LIABILITY', 'EQUITY', 'INCOME', 'EXPENSE')),
    currency char(3) not null
);

create table ledger_transfers (
    id              uuid primary key,
    idempotency_key text        not null unique,
    kind            text        not null,
    loan_id         uuid,
    currency        char(3)     not null,
    description     text        not null,
    created_at      timestamptz not null default now()
);

create table ledger_entries (
    id          bigserial primary key,
    transfer_id uuid           not null references ledger_transfers (id),
    account_id  bigint         not null references ledger_accounts (id),
    direction   char(1)        not null check (direction in ('D', 'C')),
    amount      numeric(19, 2) not null check (amount > 0)
);
create index ledger_entries_transfer on ledger_entries (transfer_id);
create index ledger_entries_account on ledger_entries (account_id);

create function ledger_transfer_balanced() returns trigger language plpgsql as $$
declare
    debits  numeric;
    credits numeric;
begin
    select coalesce(sum(amount) filter (where direction = 'D'), 0),
           coalesce(sum(amount) filter (where direction = 'C'), 0)
      into debits, credits
      from ledger_entries where transfer_id = new.transfer_id;
    if debits <> credits then
        raise exception 'ledger transfer % is unbalanced: debits % credits %', new.transfer_id, debits, credits;
    end if;
    return null;
end $$;

-- Checked at commit, after every leg of the transfer is written.
create constraint trigger ledger_entries_balanced
    after insert on ledger_entries deferrable initially deferred
    for each row execute function ledger_transfer_balanced();

create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: post a reversal instead';
end $$;
create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function ledger_append_only();
create trigger ledger_transfers_append_only before update or delete on ledger_transfers
    for each row execute function ledger_append_only();

create table audit_log (
    id           bigserial primary key,
    at           timestamptz not null default now(),
    actor        text        not null,
    action       text        not null,
    subject_type text        not null,
    subject_id   text        not null,
    details      jsonb       not null default '{}'
);
create index audit_log_subject on audit_log (subject_type, subject_id);

create table idempotency_keys (
    scope          text        not null,
    key            text        not null,
    request_hash   char(64)    not null,
    resource_id    text        not null,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    primary key (scope, key)
);

create table sms_messages (
    idempotency_key text primary key,
    application_id  uuid,
    template        text        not null,
    provider_sid    text        not null,
    status          text        not null,
    created_at      timestamptz not null default now()
);

create table webhook_events (
    provider    text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null default now(),
    primary key (provider, event_id)
);

create table workflow_runs (
    workflow_id   text primary key,
    workflow_type text        not null,
    business_id   text        not null,
    status        text        not null,
    started_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index workflow_runs_type on workflow_runs (workflow_type, status);
create index workflow_runs_business on workflow_runs (business_id);

create table review_queue (
    application_id   uuid primary key references applications (id),
    status           text        not null,
    reason_codes     jsonb       not null,
    score            numeric(8, 2),
    requested_amount numeric(19, 2) not null,
    currency         char(3)     not null,
    decided_by       text,
    verdict          text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index review_queue_status on review_queue (status, created_at);
