-- LP tokens (the liquidity pool's shares) as collateral for a bill: 111 % of the bill in share value, deposited
-- into the LP-token vault before capture, watched, released when the bill is paid or seized below 1.0.

insert into products (code, version, name, kind, terms) values
('BNPL_BILL_LP_COLLATERAL', 1, 'Pay in 14 days, secured by LP tokens', 'BNPL_BILL', '{
  "currency": "USD", "minAmount": "10.00", "maxAmount": "5000.00", "gracePeriodDays": 14,
  "lateInterestApr": "0.30", "dayCountBasis": 365, "merchantFeeRate": "0.015", "lateFee": "0.00",
  "collateralRatio": "1.11", "collateral": "LP_TOKEN", "depositWindowMinutes": 60,
  "collectionLadderDays": {"friendly": 1, "warning": 7, "final": 13, "lateFee": 14, "agency": 30},
  "checkoutMinutes": 30}');

create table bill_collateral (
    bill_id         uuid primary key references bills (id),
    chain           text           not null,
    vault_address   text           not null,
    token_address   text           not null,
    wallet_address  text           not null,
    required_units  numeric(38, 0) not null check (required_units > 0),
    price_wad       numeric(38, 0) not null,
    deposited_units numeric(38, 0),
    seized_units    numeric(38, 0),
    proceeds        numeric(19, 2),
    status          text           not null check (status in ('REQUESTED', 'LOCKED', 'SHORT', 'EXPIRED', 'RELEASED',
                                                             'LIQUIDATED')),
    updated_at      timestamptz    not null default now()
);
