#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server for the order source tests, then stops it.
#   bin/with-postgres.sh vitest run      (what `npm test` runs)
# The command sees TAGWATCH_TEST_DATABASE_URL (a superuser on 127.0.0.1, allowed to CREATE DATABASE).
# Installs Debian's server package when no initdb is found. Stops only the cluster it started.
set -euo pipefail

# A server given by the caller is used as is: nothing to install, start or stop.
if [ -n "${TAGWATCH_TEST_DATABASE_URL:-}" ]; then exec "$@"; fi

find_bindir() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  # Debian keeps the server tools off PATH, under /usr/lib/postgresql/<version>/bin.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bindir="$(find_bindir)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "tests: installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  bindir="$(find_bindir)"
fi
"$bindir/postgres" --version

# initdb and postgres refuse to run as root: as root, run them as the package's `postgres` user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$@"; else "$@"; fi
}

# A fixed port keeps the URL predictable in logs; the next ones are tried when it is taken.
port="${TAGWATCH_TEST_PG_PORT:-55432}"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  port=$((port + 1))
done

workdir="$(mktemp -d -t tagwatch-pg.XXXXXX)"
data="$workdir/data"
password="tagwatch-ci-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" >"$workdir/pwfile"
[ "$(id -u)" = 0 ] && chown -R postgres: "$workdir"

started=""
stop_postgres() {
  if [ -n "$started" ]; then
    as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    echo "tests: PostgreSQL on 127.0.0.1:$port stopped"
  fi
  rm -rf "$workdir"
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$bindir/initdb" -D "$data" -U postgres --pwfile="$workdir/pwfile" --auth=scram-sha-256 \
  --encoding=UTF8 --no-locale >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log"; exit 1; }
rm -f "$workdir/pwfile"
started=yes
as_pg "$bindir/pg_ctl" -D "$data" -l "$workdir/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$workdir -c fsync=off" \
  start >/dev/null || { cat "$workdir/postgres.log"; exit 1; }
echo "tests: PostgreSQL on 127.0.0.1:$port (data in $data)"

export TAGWATCH_TEST_DATABASE_URL="postgres://postgres:${password}@127.0.0.1:${port}/postgres"
status=0
"$@" || status=$?
exit "$status"
