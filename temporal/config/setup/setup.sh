#!/bin/sh
# The one-shot setup of a Temporal cluster for Tranche (compose runs it before the api and the workers).
# Idempotent: each step checks first or treats "already exists" as done.
#   1. wait until the cluster answers; 2. the namespace; 3. Tranche's search attributes;
#   4. the daily collections sweep as a Temporal Schedule (the embedded run keeps its own trigger).
set -eu
ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
SWEEP_CRON="${TRANCHE_SWEEP_CRON:-0 6 * * *}"
t() { temporal --address "$ADDRESS" "$@"; }
until t operator cluster health >/dev/null 2>&1; do echo "waiting for Temporal at $ADDRESS"; sleep 2; done
t operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1 \
  || t operator namespace create --namespace "$NAMESPACE" --retention 30d
until t operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; do sleep 1; done
for attr in TrancheBusinessId TrancheStatus; do
  t operator search-attribute list --namespace "$NAMESPACE" | grep -q "$attr" \
    || t operator search-attribute create --namespace "$NAMESPACE" --name "$attr" --type Keyword
done
# The sweep started without a date sweeps the UTC date of its start; PostgreSQL's claim keeps a date swept once.
t schedule describe --namespace "$NAMESPACE" --schedule-id collections-sweep >/dev/null 2>&1 \
  || t schedule create --namespace "$NAMESPACE" --schedule-id collections-sweep --cron "$SWEEP_CRON" \
       --overlap-policy Skip --workflow-id collections-sweep --task-queue servicing \
       --type CollectionsSweepWorkflow
# The liquidity pool of chain "local" is reconciled against its contract daily (and after every movement).
t schedule describe --namespace "$NAMESPACE" --schedule-id pool-reconciliation-local >/dev/null 2>&1 \
  || t schedule create --namespace "$NAMESPACE" --schedule-id pool-reconciliation-local --cron "30 1 * * *" \
       --overlap-policy Skip --workflow-id pool-reconciliation-local --task-queue chain \
       --type PoolReconciliationWorkflow --input '"local"'
echo "Temporal is set up for Tranche: namespace $NAMESPACE, search attributes, schedules collections-sweep and pool-reconciliation-local"
