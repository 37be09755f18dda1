#!/usr/bin/env bash
# Backs up one Airlock side, running or stopped, into a new timestamped folder:
#   database.dump        pg_dump --format=custom of the side's database
#   keys/                the side's key files (<data-dir>/keys)
#   transfer-folders.tar its outbox/ and inbox/ (archive included; never the postgres/ folder)
#   manifest.txt         when, which side, its sender epoch, and the SHA-256 of every file
# The database comes first: the side writes a batch's files only after committing it, so folders
# copied after the dump hold every batch the dump knows of (and maybe newer ones, which are
# harmless: a receiver applies each batch once). See docs/operations.md, "Backup and restore".
#
#   deploy/backup.sh --data-dir DIR --out DIR [--db-url URL] [--db-name NAME]
set -eu

usage() {
  echo "usage: $0 --data-dir DIR --out DIR [--db-url URL] [--db-name NAME]" >&2
  exit 2
}

DATA_DIR="" OUT="" DB_URL="" DB_NAME=airlock
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir) DATA_DIR="${2:?}"; shift 2 ;;
    --out) OUT="${2:?}"; shift 2 ;;
    --db-url) DB_URL="${2:?}"; shift 2 ;;
    --db-name) DB_NAME="${2:?}"; shift 2 ;;
    *) usage ;;
  esac
done
[ -n "$DATA_DIR" ] && [ -n "$OUT" ] || usage
[ -d "$DATA_DIR" ] || { echo "$0: no data directory $DATA_DIR" >&2; exit 1; }

. "$(dirname "$0")/backup-common.sh"
resolve_database

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="airlock-backup-$stamp"
mkdir -p "$OUT"
work="$OUT/.tmp-$name"
rm -rf "$work"
mkdir "$work"

epoch="$(sql "select epoch from sender_identity")"
"$(client pg_dump)" --format=custom --no-owner --file="$work/database.dump" -d "$DB"

if [ -d "$DATA_DIR/keys" ]; then
  cp -p -R "$DATA_DIR/keys" "$work/keys"
fi

folders=""
for folder in outbox inbox; do
  [ -d "$DATA_DIR/$folder" ] && folders="$folders $folder"
done
if [ -n "$folders" ]; then
  # A running side moves files while tar reads: GNU tar then exits 1, which is no failure here
  # (a batch moved away is in the folder it moved to, or was archived on the other side).
  rc=0
  # shellcheck disable=SC2086
  tar -C "$DATA_DIR" --warning=no-file-changed --warning=no-file-removed --ignore-failed-read \
    -cf "$work/transfer-folders.tar" $folders || rc=$?
  [ "$rc" -le 1 ] || { echo "$0: tar failed ($rc)" >&2; exit 1; }
fi

{
  echo "created_at=$stamp"
  echo "data_dir=$(cd "$DATA_DIR" && pwd)"
  echo "host=$(hostname)"
  echo "database_name=$(sql "select current_database()")"
  echo "server_version=$(sql "show server_version")"
  echo "sender_epoch=$epoch"
  (cd "$work" && find . -type f ! -name manifest.txt | sort | sed 's|^\./||' |
    while IFS= read -r file; do echo "sha256 $(sha256sum "$file")"; done)
} >"$work/manifest.txt"

sync
mv "$work" "$OUT/$name"
echo "$OUT/$name"
