#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for tests and benchmarks, and prints the
# connection string. Idempotent: a cluster that is already running is reused.
# Usage: eval "$(scripts/start-postgres.sh)"   # exports DUTYDESK_TEST_POSTGRES
set -euo pipefail
port=${DUTYDESK_PG_PORT:-55432}
dir=${DUTYDESK_PG_DIR:-/tmp/dutydesk-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
run_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  run_as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! run_as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  run_as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
fi
echo "export DUTYDESK_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Pooling=true;Maximum Pool Size=50'"
