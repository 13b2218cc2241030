# Shared steps of the fault drills (sourced, not run). Everything stays on 127.0.0.1.
# Requires: the project's .venv, PostgreSQL reachable as $PG_SERVER, psql/createdb.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY="$ROOT/.venv/bin/python"
PG_SERVER="${PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
DRILL_DB="${DRILL_DB:-razem_drill}"
TEMPLATE_DB="${DRILL_DB}_template"
PORT="${DRILL_PORT:-8199}"
BASE="http://127.0.0.1:$PORT"
WORK="${DRILL_WORK:-$(mktemp -d /tmp/razem-drill.XXXXXX)}"
mkdir -p "$WORK"
export DJANGO_SETTINGS_MODULE=drill_settings
export PYTHONPATH="$ROOT/ops/drills:$ROOT"
export DATABASE_URL="$PG_SERVER/$DRILL_DB"
export DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_CONN_MAX_AGE="${DJANGO_CONN_MAX_AGE:-60}"
GUNICORN_PID=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$PG_SERVER/postgres" "$@"; }

# A fresh drill database, copied from a migrated template (migrations run once).
fresh_database() {
  local exists
  exists=$(psql -X -A -t "$PG_SERVER/postgres" -c \
    "SELECT count(*) FROM pg_database WHERE datname = '$TEMPLATE_DB'")
  if [ "$exists" = "0" ]; then
    log "creating and migrating $TEMPLATE_DB (once)"
    psql_admin -c "CREATE DATABASE \"$TEMPLATE_DB\""
    DATABASE_URL="$PG_SERVER/$TEMPLATE_DB" "$PY" "$ROOT/manage.py" migrate --noinput -v 0
  fi
  psql_admin -c "DROP DATABASE IF EXISTS \"$DRILL_DB\" WITH (FORCE)"
  psql_admin -c "CREATE DATABASE \"$DRILL_DB\" TEMPLATE \"$TEMPLATE_DB\""
  "$PY" "$ROOT/ops/drills/prepare.py" --centres "${CENTRES:-12}" \
    --capacity "${CAPACITY:-50}" --out "$WORK/plan.json"
}

start_gunicorn() {
  local workers="${1:-3}"
  "$ROOT/.venv/bin/gunicorn" razem.wsgi --chdir "$ROOT" --bind "127.0.0.1:$PORT" \
    --workers "$workers" --timeout 30 --graceful-timeout 5 \
    --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log" \
    2>>"$WORK/gunicorn.log" &
  GUNICORN_PID=$!
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then
      log "gunicorn $GUNICORN_PID up on $BASE with $workers workers"
      return 0
    fi
    sleep 0.2
  done
  log "gunicorn did not start"; tail -20 "$WORK/gunicorn.log"; return 1
}

stop_gunicorn() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null || true
  fi
  GUNICORN_PID=""
}

run_load() {
  timeout 180 "$PY" "$ROOT/ops/drills/load.py" --plan "$WORK/plan.json" --base "$BASE" \
    --out "$WORK/results.jsonl" "$@" | tee "$WORK/load.json"
}

verify() {
  "$PY" "$ROOT/ops/drills/verify.py" --plan "$WORK/plan.json" \
    --results "$WORK/results.jsonl" | tee "$WORK/verify.json"
}

server_errors() {
  grep -c -E '^Traceback' "$WORK/gunicorn.log" || true
}
