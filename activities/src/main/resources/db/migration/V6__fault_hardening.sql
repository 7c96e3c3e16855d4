-- A day's collections sweep is claimed here before it does anything: "once per business date" is a
-- fact of record, not something that rests on Temporal remembering a closed workflow id.
alter table collection_sweeps alter column report drop not null;
alter table collection_sweeps alter column finished_at drop not null;
alter table collection_sweeps alter column finished_at drop default;
alter table collection_sweeps add column claimed_by text;
alter table collection_sweeps add column claimed_at timestamptz not null default now();
update collection_sweeps set claimed_by = 'before-claims' where claimed_by is null;
alter table collection_sweeps alter column claimed_by set not null;

-- A loan's snapshot carries its workflow's revision: an older write (a retried activity, or an update
-- handler's snapshot landing after the main loop's) never overwrites a newer one.
alter table loans add column snapshot_revision bigint not null default 0;

-- The collateralised product's choice (chain, wallet, payout), so a lost process can be restarted from
-- what PostgreSQL holds.
alter table applications add column collateral jsonb;

-- EIP-1559: gas_price holds a type-2 transaction's max fee per gas, priority_fee its tip (null: legacy).
alter table chain_transactions add column priority_fee numeric(78, 0);
