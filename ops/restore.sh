#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into a FRESH database and media directory,
# then prove it: per-table row counts and every media file's SHA-256 must match.
#
#   TARGET_DATABASE_URL=postgres://user@host:5432/razem_restored \
#   TARGET_MEDIA_ROOT=/srv/razem/media-restored \
#     ops/restore.sh BACKUP_DIR
#
# The database is created (it must not exist yet, or be empty); the media directory
# must be empty or missing. Exit status 0 only when everything matches; 1 on any
# difference (listed on stderr); 2 on wrong usage.
set -euo pipefail

backup="${1:?usage: restore.sh BACKUP_DIR}"
: "${TARGET_DATABASE_URL:?set TARGET_DATABASE_URL (a new, empty database)}"
: "${TARGET_MEDIA_ROOT:?set TARGET_MEDIA_ROOT (a new, empty directory)}"
for file in db.dump media.tar.gz tables.tsv media.sha256 manifest.txt; do
  [ -f "$backup/$file" ] || { echo "restore.sh: $backup/$file is missing" >&2; exit 2; }
done
url="${TARGET_DATABASE_URL/#postgresql:/postgres:}"
url_no_query="${url%%\?*}"
dbname="${url_no_query##*/}"
server="${url_no_query%/*}"
failures=0
fail() { echo "restore.sh: DIFFERENCE: $*" >&2; failures=$((failures + 1)); }

# 1. The archive itself is what the manifest says.
if ! (cd "$backup" && grep -E '^[0-9a-f]{64}  ' manifest.txt | sha256sum --quiet -c -); then
  fail "backup files do not match the checksums in manifest.txt"
fi

# 2. A fresh database.
exists=$(psql -X -A -t -v ON_ERROR_STOP=1 "$server/postgres" \
  -c "SELECT count(*) FROM pg_database WHERE datname = '$dbname'")
if [ "$exists" = "0" ]; then
  psql -X -q -v ON_ERROR_STOP=1 "$server/postgres" -c "CREATE DATABASE \"$dbname\""
else
  tables=$(psql -X -A -t "$url" -c \
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  if [ "$tables" != "0" ]; then
    echo "restore.sh: database $dbname exists and is not empty; refusing" >&2
    exit 2
  fi
fi
pg_restore --exit-on-error --no-owner --no-privileges -d "$url" "$backup/db.dump"

# 3. A fresh media directory.
if [ -d "$TARGET_MEDIA_ROOT" ] && [ -n "$(ls -A "$TARGET_MEDIA_ROOT")" ]; then
  echo "restore.sh: $TARGET_MEDIA_ROOT is not empty; refusing" >&2
  exit 2
fi
mkdir -p "$TARGET_MEDIA_ROOT"
tar -xzf "$backup/media.tar.gz" -C "$TARGET_MEDIA_ROOT"

# 4. Row counts, table by table.
restored="$(mktemp)"
trap 'rm -f "$restored"' EXIT
psql -X -A -t -v ON_ERROR_STOP=1 "$url" >"$restored" <<'SQL'
SELECT format('SELECT %L || chr(9) || count(*) FROM %I.%I;', schemaname || '.' || tablename,
              schemaname, tablename)
FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
ORDER BY schemaname, tablename \gexec
SQL
sed -i '/^$/d' "$restored"
if ! diff_out=$(diff <(sort "$backup/tables.tsv") <(sort "$restored")); then
  fail "row counts differ (< backup, > restored):"
  echo "$diff_out" >&2
fi

# 5. Media checksums, and no file that the backup did not list.
if [ -s "$backup/media.sha256" ]; then
  if ! (cd "$TARGET_MEDIA_ROOT" && sha256sum --quiet -c "$backup/media.sha256" >&2); then
    fail "media checksums differ"
  fi
fi
extra=$(cd "$TARGET_MEDIA_ROOT" && find . -type f | LC_ALL=C sort |
  comm -23 - <(awk '{ sub(/^[0-9a-f]+  /, ""); print }' "$backup/media.sha256" | LC_ALL=C sort))
if [ -n "$extra" ]; then
  fail "media files not in the backup's list: $extra"
fi

tables=$(wc -l <"$backup/tables.tsv")
rows=$(awk -F '\t' '{s += $2} END {print s + 0}' "$backup/tables.tsv")
files=$(wc -l <"$backup/media.sha256")
if [ "$failures" -gt 0 ]; then
  echo "restore.sh: FAILED with $failures difference(s) ($tables tables, $rows rows, $files files)" >&2
  exit 1
fi
echo "restore.sh: OK: $tables tables, $rows rows, $files media files match ($dbname, $TARGET_MEDIA_ROOT)"
