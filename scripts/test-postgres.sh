#!/usr/bin/env bash
# Start (or reuse) a PostgreSQL server for the tests and print its URL.
# Prints nothing when this machine has no PostgreSQL binaries.
# As root (CI): the Debian cluster, with a login role `fdtest`.
# As another user: a throwaway cluster under /tmp on port 54329.
set -u
ROLE=fdtest
if [ "$(id -u)" = 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
  line=$(pg_lsclusters -h 2>/dev/null | head -n 1)
  if [ -z "$line" ]; then
    ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
    [ -n "$ver" ] || exit 0
    pg_createcluster "$ver" main >/dev/null 2>&1 || exit 0
    line=$(pg_lsclusters -h | head -n 1)
  fi
  set -- $line
  ver=$1 name=$2 port=$3 status=$4
  if [ "$status" != online ]; then
    pg_ctlcluster "$ver" "$name" start >&2 || { echo "could not start PostgreSQL $ver/$name" >&2; exit 0; }
  fi
  for _ in $(seq 1 50); do
    runuser -u postgres -- psql -p "$port" -qtAc 'select 1' >/dev/null 2>&1 && break
    sleep 0.2
  done
  runuser -u postgres -- psql -p "$port" -qtAc \
    "do \$\$ begin if not exists (select from pg_roles where rolname='$ROLE') then create role $ROLE login password '$ROLE' superuser; end if; end \$\$;" >/dev/null 2>&1
  echo "postgresql://$ROLE:$ROLE@127.0.0.1:$port/postgres"
  exit 0
fi
# Not root: a private cluster.
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
initdb=$(command -v initdb || echo "$bindir/initdb")
pg_ctl=$(command -v pg_ctl || echo "$bindir/pg_ctl")
[ -x "$initdb" ] && [ -x "$pg_ctl" ] || exit 0
data=/tmp/frontdesk-pg-$(id -u)
port=54329
if [ ! -f "$data/PG_VERSION" ]; then
  "$initdb" -D "$data" -U "$ROLE" --auth=trust >/dev/null 2>&1 || exit 0
fi
if ! "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
  "$pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$data/log" -w start >/dev/null 2>&1 || exit 0
fi
echo "postgresql://$ROLE@127.0.0.1:$port/postgres"
