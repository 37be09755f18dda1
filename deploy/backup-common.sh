# Sourced by backup.sh and restore.sh: finding a side's database and the PostgreSQL tools.
#
# The database is, in this order: --db-url (a postgresql:// URI, or a jdbc:postgresql:// URL as in
# spring.datasource.url); else the standard PG* variables when PGHOST or PGSERVICE is set; else the
# embedded PostgreSQL in <data-dir>/postgres (user postgres, no password, database airlock or
# --db-name). The embedded one is reached on the port its postmaster.pid names while the side runs;
# while the side is stopped it is started for the duration of the script, on a Unix socket only,
# with the pg_ctl of its own major version (AIRLOCK_PG_BIN, else the binaries the side unpacked
# under ${TMPDIR:-/tmp}/embedded-pg, else pg_ctl from the PATH or /usr/lib/postgresql/<major>/bin).
# pg_dump, pg_restore and psql always come from the PATH (or AIRLOCK_PG_CLIENT_BIN): the embedded
# binaries do not include them. Any client at least as new as the server will do.

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

client() {
  if [ -n "${AIRLOCK_PG_CLIENT_BIN:-}" ]; then
    echo "$AIRLOCK_PG_CLIENT_BIN/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    die "$1 not found: install the PostgreSQL client (e.g. apt-get install postgresql-client) or set AIRLOCK_PG_CLIENT_BIN"
  fi
}

# Sets DB (what to pass to -d) and EMBEDDED_RUNNING (true while a side owns the server).
TEMP_SERVER=""
EMBEDDED_RUNNING=false
resolve_database() {
  if [ -n "$DB_URL" ]; then
    DB="${DB_URL#jdbc:}"
    return
  fi
  if [ -n "${PGHOST:-}" ] || [ -n "${PGSERVICE:-}" ]; then
    DB="${PGDATABASE:-$DB_NAME}"
    return
  fi
  cluster="$DATA_DIR/postgres"
  [ -f "$cluster/PG_VERSION" ] ||
    die "no --db-url, no PGHOST and no embedded database in $cluster"
  if [ -f "$cluster/postmaster.pid" ] && kill -0 "$(head -n 1 "$cluster/postmaster.pid")" 2>/dev/null; then
    # postmaster.pid: pid, data dir, start time, port, socket dir, listen address, ...
    port="$(sed -n 4p "$cluster/postmaster.pid" | tr -d ' ')"
    DB="postgresql://postgres@127.0.0.1:$port/$DB_NAME"
    EMBEDDED_RUNNING=true
    return
  fi
  start_temporary_server "$cluster"
  DB="postgresql://postgres@/$DB_NAME?host=$TEMP_SERVER"
}

pg_ctl_for() {
  major="$(cat "$1/PG_VERSION")"
  for candidate in ${AIRLOCK_PG_BIN:+"$AIRLOCK_PG_BIN/pg_ctl"} \
    "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin/pg_ctl \
    "$(command -v pg_ctl 2>/dev/null || true)" \
    "/usr/lib/postgresql/$major/bin/pg_ctl"; do
    if [ -x "$candidate" ] &&
      "$candidate" --version | grep -Eq "PostgreSQL\) $major(\.|$)"; then
      echo "$candidate"
      return
    fi
  done
  die "no pg_ctl of PostgreSQL $major (the embedded database's version): start the side once so that it unpacks its binaries, or set AIRLOCK_PG_BIN"
}

start_temporary_server() {
  PG_CTL="$(pg_ctl_for "$1")"
  TEMP_SERVER="$(mktemp -d)"
  TEMP_CLUSTER="$1"
  trap stop_temporary_server EXIT
  "$PG_CTL" -D "$1" -w -l "$TEMP_SERVER/postgres.log" \
    -o "-c listen_addresses= -c unix_socket_directories=$TEMP_SERVER" start >/dev/null ||
    die "could not start the embedded database: see $TEMP_SERVER/postgres.log"
}

stop_temporary_server() {
  if [ -n "$TEMP_SERVER" ]; then
    "$PG_CTL" -D "$TEMP_CLUSTER" -w -m fast stop >/dev/null || true
    rm -rf "$TEMP_SERVER"
  fi
}

sql() {
  "$(client psql)" -X -q -t -A -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
}
