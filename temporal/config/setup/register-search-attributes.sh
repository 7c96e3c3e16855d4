#!/bin/sh
# Registers Tranche's search attributes on a real cluster (idempotent: "already exists" is fine).
# The workers also register them at start-up; this script is for clusters they cannot administer.
set -eu
ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do sleep 2; done
for attr in TrancheBusinessId TrancheStatus; do
  temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" \
    --name "$attr" --type Keyword || true
done
