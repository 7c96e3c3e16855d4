-- One PostgreSQL server for the compose deployment: Temporal's own databases are created by its
-- auto-setup image; Tranche gets a database and a role of its own.
create role tranche login password 'tranche';
create database tranche owner tranche;
