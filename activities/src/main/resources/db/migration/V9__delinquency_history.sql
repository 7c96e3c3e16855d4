-- Each active loan's delinquency bucket and balance as of each swept business date: the month-over-month
-- roll rates are read from it (a loan's bucket at one month end against the next).
create table delinquency_history (
    business_date date           not null,
    loan_id       uuid           not null references loans (id),
    bucket        text           not null,
    balance       numeric(19, 2) not null,
    primary key (business_date, loan_id)
);
