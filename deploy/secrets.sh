#!/bin/sh
# Writes .env with fresh random secrets for `docker compose up` (compose reads .env by itself). Keeps an
# existing .env: rotating a key is a deliberate act (payload and PII keys encrypt stored data).
set -eu
cd "$(dirname "$0")/.."
if [ -f .env ]; then
  echo ".env exists; remove it to generate new secrets"
  exit 0
fi
b64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
umask 077
cat > .env <<ENV
TEMPORAL_DB_PASSWORD=$(hex 24)
TRANCHE_DB_PASSWORD=$(hex 24)
TRANCHE_PAYLOAD_KEY=$(b64 32)
TRANCHE_PII_KEY=$(b64 32)
TRANCHE_JWT_SECRET=$(b64 48)
TRANCHE_LENDER_WEBHOOK_SECRET=$(hex 32)
TRANCHE_NORTHWIND_WEBHOOK_SECRET=$(hex 32)
TRANCHE_BLUEBANK_WEBHOOK_SECRET=$(hex 32)
TRANCHE_CEDAR_WEBHOOK_SECRET=$(hex 32)
TRANCHE_PAYMENTS_WEBHOOK_SECRET=$(hex 32)
TWILIO_AUTH_TOKEN=$(hex 16)
KEYCLOAK_ADMIN_PASSWORD=$(hex 16)
TRANCHE_CONSOLE_CLIENT_SECRET=$(hex 24)
TEMPORAL_UI_CLIENT_SECRET=$(hex 24)
GRAFANA_ADMIN_PASSWORD=$(hex 16)
TRANCHE_DEMO_PASSWORD=demo
ENV
echo "Wrote .env (demo users' password: demo; change TRANCHE_DEMO_PASSWORD before exposing the realm)"
