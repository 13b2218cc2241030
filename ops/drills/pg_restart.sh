#!/usr/bin/env bash
# Drill (a): PostgreSQL restarted (-m immediate) during a registration load.
# Expect: every acknowledged registration saved, no invariant broken, and the app
# answering again without a restart of gunicorn (CONN_HEALTH_CHECKS).
# RESTARTS THE SHARED POSTGRESQL SERVER: run only when nobody needs it for a minute.
# Bounded: ~40 s of load; the cluster is started again on any exit.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CLUSTER="${PG_CLUSTER:-15 main}"
# FAULT_CMD=true rehearses the drill without touching the server.
FAULT_CMD="${FAULT_CMD:-pg_ctlcluster $CLUSTER restart -m immediate}"

restore_server() {
  stop_gunicorn
  if ! pg_ctlcluster $CLUSTER status >/dev/null 2>&1; then
    log "PostgreSQL is down: starting it again"
    pg_ctlcluster $CLUSTER start || true
  fi
}
trap restore_server EXIT

fresh_database
start_gunicorn 3
log "load for 30 s, 8 centres; PostgreSQL restarted at 8 s"
run_load --duration 30 --threads 8 --mode register --fault-at 8 --fault-cmd "$FAULT_CMD"
log "after the load: /healthz says $(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz")"
log "tracebacks in the gunicorn log (requests during the outage): $(server_errors)"
verify
log "work files in $WORK"
