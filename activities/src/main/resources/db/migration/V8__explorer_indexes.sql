-- The workflow explorer lists the newest runs, all or of one type and status: with 20,000 runs a sort of
-- the whole table took 110-180 ms a page; these let it read the newest 100 in index order.
create index workflow_runs_newest on workflow_runs (updated_at desc);
create index workflow_runs_type_newest on workflow_runs (workflow_type, status, updated_at desc);
