#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the adapter's tests, on a loopback port.
#
#   scripts/pg-cluster.sh start DIR [PORT]   initdb into DIR (created), start the
#                                            server, print its DATABASE_URL
#   scripts/pg-cluster.sh stop DIR           stop it (DIR stays; rm -rf it after)
#   scripts/pg-cluster.sh bindir             print the directory of initdb/pg_ctl
#
# Uses Debian's binaries (/usr/lib/postgresql/*/bin, or PG_BINDIR). The server
# must not run as root: as root, DIR is handed to the `postgres` user and the
# commands run as that user (runuser). Trust authentication, listening on
# 127.0.0.1 only, the socket in DIR, fsync off (throwaway data).
set -euo pipefail

bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  echo "pg-cluster: no PostgreSQL binaries (apt-get install postgresql, or set PG_BINDIR)" >&2
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  bindir) bindir ;;
  start)
    dir=${2:?usage: pg-cluster.sh start DIR [PORT]}
    port=${3:-$(free_port)}
    bin=$(bindir)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: pg-cluster.sh stop DIR}
    bin=$(bindir)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: pg-cluster.sh start DIR [PORT] | stop DIR | bindir" >&2
    exit 2
    ;;
esac
