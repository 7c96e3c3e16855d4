#!/bin/sh
# One PostgreSQL server for the compose deployment: Temporal's databases are created by its setup; Tranche
# gets a database and a role of its own, with the password from the environment (deploy/secrets.sh).
set -eu
: "${TRANCHE_DB_PASSWORD:?set TRANCHE_DB_PASSWORD (deploy/secrets.sh writes it to .env)}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="$TRANCHE_DB_PASSWORD" <<'SQL'
create role tranche login password :'pw';
create database tranche owner tranche;
SQL
