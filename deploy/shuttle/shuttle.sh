#!/bin/sh
# The stand-in for the air gap in deploy/docker-compose.yml: every INTERVAL seconds it moves each
# complete batch (its .manifest.json is present) from an outbox to the matching inbox, payload
# first and manifest last, each written under a .tmp- name and renamed, as a real transfer
# mechanism must. Usage: shuttle.sh OUTBOX:INBOX [OUTBOX:INBOX]...
set -eu
INTERVAL="${INTERVAL:-1}"

deliver() { # FILE INBOX: copy under a temporary name, then rename in the inbox
  name=$(basename "$1")
  cp "$1" "$2/.tmp-$name"
  mv "$2/.tmp-$name" "$2/$name"
}

move_batches() { # OUTBOX INBOX
  for manifest in "$1"/*.manifest.json; do
    [ -f "$manifest" ] || continue
    stem=$(basename "$manifest" .manifest.json)
    case "$stem" in .tmp-*) continue ;; esac
    for payload in "$1/$stem".jsonl*; do
      [ -f "$payload" ] || continue 2 # the payload is not there yet: next tick
      deliver "$payload" "$2"
      deliver "$manifest" "$2"
      rm -f "$manifest" "$payload"
      echo "moved $stem from $1 to $2"
    done
  done
}

while true; do
  for route in "$@"; do
    move_batches "${route%%:*}" "${route#*:}"
  done
  sleep "$INTERVAL"
done
