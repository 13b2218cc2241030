#!/usr/bin/env bash
# Drill (c): the conference row locked by another session (psql, SELECT ... FOR
# UPDATE held for 10 s) while a centre registers through gunicorn.
# Expect: the answer within about 3 s (lock_timeout), a polite "try again" page,
# nothing saved; the same submission succeeds once the lock is gone.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
trap stop_gunicorn EXIT

fresh_database
start_gunicorn 2
conference=$("$PY" -c "import json; print(json.load(open('$WORK/plan.json'))['conference_id'])")
session=$("$PY" -c "import json; print(json.load(open('$WORK/plan.json'))['people'][0]['session'])")
token=0123456789abcdef0123456789abcdef
register() {
  curl -s -o "$WORK/$1" -w '%{http_code} %{time_total}' \
    -b "sessionid=$session; csrftoken=$token" \
    --data-urlencode "csrfmiddlewaretoken=$token" \
    --data-urlencode "form-TOTAL_FORMS=1" --data-urlencode "form-INITIAL_FORMS=0" \
    --data-urlencode "form-0-first_name=Zofia" \
    --data-urlencode "form-0-last_name=Czekająca" \
    --data-urlencode "form-0-email=zofia@uczestnik.drill.test" \
    --data-urlencode "form-0-accommodation_nights=0" \
    "$BASE/moj-osrodek/konferencje/$conference/zapisz/"
}
psql -X -q "$DATABASE_URL" -c "BEGIN; SELECT page_ptr_id FROM conferences_conferencepage WHERE page_ptr_id = $conference FOR UPDATE; SELECT pg_sleep(10); COMMIT;" >/dev/null &
holder=$!
sleep 1
read -r status seconds <<<"$(register locked.html)"
polite=$(grep -c -i 'spróbować ponownie\|try again' "$WORK/locked.html" || true)
saved=$(psql -X -A -t "$DATABASE_URL" -c "SELECT count(*) FROM conferences_registration")
log "while locked: HTTP $status after ${seconds}s, 'try again' shown: $polite, rows saved: $saved"
wait "$holder"
read -r status2 seconds2 <<<"$(register after.html)"
saved2=$(psql -X -A -t "$DATABASE_URL" -c "SELECT count(*) FROM conferences_registration")
log "after the lock: HTTP $status2 after ${seconds2}s, rows saved: $saved2"
if [ "$status" = "200" ] && [ "$polite" -gt 0 ] && [ "$saved" = "0" ] && [ "$saved2" = "1" ]; then
  log "OK"
else
  log "FAILED"; exit 1
fi
