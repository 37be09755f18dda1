#!/usr/bin/env bash
# Restores one Airlock side, stopped, from a folder backup.sh wrote, then gives it a new sender
# epoch (select new_sender_epoch()), so that the other side takes its batches as a new sender's.
#   - the database is replaced: its public schema is dropped and the dump restored into it;
#   - key files missing from <data-dir>/keys are copied back; one that differs stops the restore
#     unless --replace-keys;
#   - the transfer folders are left as they are (they are newer than the backup, and their
#     outbox/sent/ is what the other side may still ask for) unless --transfer-folders, for a side
#     whose folders are lost: the current ones are then moved aside, never deleted.
# See docs/operations.md, "Backup and restore".
#
#   deploy/restore.sh --from BACKUP --data-dir DIR [--db-url URL] [--db-name NAME]
#                     [--transfer-folders] [--replace-keys]
set -eu

usage() {
  echo "usage: $0 --from BACKUP --data-dir DIR [--db-url URL] [--db-name NAME]" \
    "[--transfer-folders] [--replace-keys]" >&2
  exit 2
}

FROM="" DATA_DIR="" DB_URL="" DB_NAME=airlock TRANSFER_FOLDERS=false REPLACE_KEYS=false
while [ $# -gt 0 ]; do
  case "$1" in
    --from) FROM="${2:?}"; shift 2 ;;
    --data-dir) DATA_DIR="${2:?}"; shift 2 ;;
    --db-url) DB_URL="${2:?}"; shift 2 ;;
    --db-name) DB_NAME="${2:?}"; shift 2 ;;
    --transfer-folders) TRANSFER_FOLDERS=true; shift ;;
    --replace-keys) REPLACE_KEYS=true; shift ;;
    *) usage ;;
  esac
done
[ -n "$FROM" ] && [ -n "$DATA_DIR" ] || usage

. "$(dirname "$0")/backup-common.sh"
[ -f "$FROM/manifest.txt" ] && [ -f "$FROM/database.dump" ] || die "$FROM is not a backup"
(cd "$FROM" && sed -n 's/^sha256 //p' manifest.txt | sha256sum --quiet -c -) ||
  die "$FROM does not match its manifest"
mkdir -p "$DATA_DIR"

resolve_database
[ "$EMBEDDED_RUNNING" = false ] || die "the side is running: stop it first"
others="$(sql "select count(*) from pg_stat_activity
  where datname = current_database() and pid <> pg_backend_pid()")"
[ "$others" = 0 ] || die "$others other connections to the database: stop the side first"

if [ -d "$FROM/keys" ]; then
  mkdir -p "$DATA_DIR/keys"
  for key in "$FROM"/keys/*; do
    target="$DATA_DIR/keys/$(basename "$key")"
    if [ -e "$target" ] && ! cmp -s "$key" "$target" && [ "$REPLACE_KEYS" = false ]; then
      die "$target differs from the backup's: keep it (restore without it) or pass --replace-keys"
    fi
    cp -p "$key" "$target"
  done
fi

if [ "$TRANSFER_FOLDERS" = true ] && [ -f "$FROM/transfer-folders.tar" ]; then
  aside="before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
  for folder in outbox inbox; do
    [ -e "$DATA_DIR/$folder" ] && mv "$DATA_DIR/$folder" "$DATA_DIR/$folder.$aside"
  done
  tar -C "$DATA_DIR" -xpf "$FROM/transfer-folders.tar"
fi

sql "set client_min_messages = warning; drop schema public cascade; create schema public"
"$(client pg_restore)" --no-owner --exit-on-error -d "$DB" "$FROM/database.dump"
old="$(sed -n 's/^sender_epoch=//p' "$FROM/manifest.txt")"
new="$(sql "select new_sender_epoch()")"
echo "restored $FROM; sender epoch $old (the backup's) is now $new"
