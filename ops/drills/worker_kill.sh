#!/usr/bin/env bash
# Drill (b): a gunicorn worker killed (kill -9) while registering and co-signing.
# Expect: no partial rows (each two-person submission all or nothing, each signature
# with its audit entry), no e-mail about work that was rolled back.
# Bounded: ~25 s of load, three kills of one worker each, 8 s apart.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap stop_gunicorn EXIT

fresh_database
start_gunicorn 3
cat >"$WORK/kill-one-worker.sh" <<KILL
#!/usr/bin/env bash
victim=\$(pgrep -P $GUNICORN_PID | head -1)
echo "kill -9 \$victim"
kill -9 "\$victim"
KILL
chmod +x "$WORK/kill-one-worker.sh"
log "load for 25 s, 8 centres registering and co-signing; a worker killed at 5, 12, 19 s"
run_load --duration 25 --threads 8 --mode mixed --fault-at 5 --fault-at 12 \
  --fault-at 19 --fault-cmd "$WORK/kill-one-worker.sh"
log "workers now: $(pgrep -P "$GUNICORN_PID" | wc -l)"
verify
log "work files in $WORK"
