-- The price watcher reads a chain's open positions on every price round: the deposited ones, by chain.
create index collateral_requirements_open_by_chain on collateral_requirements (chain, loan_id)
    where status = 'DEPOSITED';
