#!/usr/bin/env bash
# Back up the RAZEM portal: the PostgreSQL database and the media files.
#
#   DATABASE_URL=postgres://user@host:5432/razem DJANGO_MEDIA_ROOT=/srv/razem/media \
#     ops/backup.sh [BACKUP_DIR]
#
# BACKUP_DIR (default backups/<UTC timestamp>) receives:
#   db.dump        pg_dump custom format (-Fc), restorable with pg_restore
#   media.tar.gz   every file under the media root
#   tables.tsv     schema.table <TAB> row count, counted in the dump's own snapshot
#   media.sha256   sha256sum lines for every media file (paths relative to the root)
#   manifest.txt   what, when, from where, and the SHA-256 of db.dump and media.tar.gz
# The row counts come from the same exported snapshot pg_dump uses, so they match the
# dump exactly even while the site is taking registrations.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a PostgreSQL URL" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
media_root="${DJANGO_MEDIA_ROOT:-$here/media}"
target="${1:-$here/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
psql_url="${DATABASE_URL/#postgresql:/postgres:}"

if [ -e "$target" ] && [ -n "$(ls -A "$target" 2>/dev/null)" ]; then
  echo "backup.sh: $target exists and is not empty" >&2
  exit 2
fi
mkdir -p "$target"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# One REPEATABLE READ transaction exports its snapshot; pg_dump dumps that snapshot
# and the same transaction counts the rows, then ends.
coproc PSQL { psql -X -q -A -t -v ON_ERROR_STOP=1 "$psql_url"; }
send() { printf '%s\n' "$1" >&"${PSQL[1]}"; }
read_line() {
  local line
  if ! IFS= read -r -t 600 line <&"${PSQL[0]}"; then
    echo "backup.sh: psql stopped answering" >&2
    exit 1
  fi
  printf '%s' "$line"
}
send "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"
send "SELECT pg_export_snapshot();"
snapshot="$(read_line)"

pg_dump -Fc --no-owner --snapshot="$snapshot" -f "$target/db.dump" "$psql_url"

send "SELECT format('SELECT %L || chr(9) || count(*) FROM %I.%I;', schemaname || '.' || tablename, schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename \\gexec"
send "SELECT '__end__';"
: >"$target/tables.tsv"
while true; do
  line="$(read_line)"
  [ "$line" = "__end__" ] && break
  [ -n "$line" ] && printf '%s\n' "$line" >>"$target/tables.tsv"
done
send "COMMIT;"
send "\\q"
wait "$PSQL_PID" 2>/dev/null || true

# Media: list the files once, archive and checksum exactly that list.
mkdir -p "$media_root"
(
  cd "$media_root"
  find . -type f ! -name '.gitkeep' -print0 | LC_ALL=C sort -z >"$target/.media-files"
  tar --null -czf "$target/media.tar.gz" -T "$target/.media-files"
  if [ -s "$target/.media-files" ]; then
    xargs -0 sha256sum <"$target/.media-files" >"$target/media.sha256"
  else
    : >"$target/media.sha256"
  fi
)
rm -f "$target/.media-files"

{
  echo "# RAZEM backup"
  echo "created	$started"
  echo "database	${psql_url%%\?*}" | sed -E 's#//([^:@/]+):[^@]*@#//\1:***@#'
  echo "media_root	$media_root"
  echo "tables	$(wc -l <"$target/tables.tsv")"
  echo "rows	$(awk -F '\t' '{s += $2} END {print s + 0}' "$target/tables.tsv")"
  echo "media_files	$(wc -l <"$target/media.sha256")"
  (cd "$target" && sha256sum db.dump media.tar.gz tables.tsv media.sha256)
} >"$target/manifest.txt"

echo "backup.sh: $(grep -c . "$target/tables.tsv") tables," \
  "$(awk -F '\t' '{s += $2} END {print s + 0}' "$target/tables.tsv") rows," \
  "$(wc -l <"$target/media.sha256") media files -> $target"
