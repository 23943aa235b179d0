#!/usr/bin/env bash
# Prepares the PostgreSQL server the PostgreSQL store's tests use: on Debian, as root, installs Debian's postgresql
# if missing, starts its cluster and creates the 'coffer' test role (idempotent; safe to run again). The tests then
# connect with COFFER_TEST_POSTGRES, default Host=127.0.0.1;Port=5432;Username=coffer;Password=coffer;Database=postgres.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "test/postgres.sh: run as root to install and start PostgreSQL (or point COFFER_TEST_POSTGRES at a server)" >&2
  exit 1
fi

if ! command -v pg_lsclusters >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# The package creates one cluster; start it (and any other) if it is down.
if [ -z "$(pg_lsclusters --no-header 2>/dev/null)" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
fi
pg_lsclusters --no-header | while read -r version cluster port status _; do
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" "$cluster" start
  fi
done

for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'SELECT 1'" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done

# Superuser, because each test class creates and drops its own database.
su postgres -c "psql -v ON_ERROR_STOP=1 -qAt" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'coffer') THEN
    CREATE ROLE coffer LOGIN SUPERUSER PASSWORD 'coffer';
  END IF;
END
$$;
SQL
echo "test/postgres.sh: PostgreSQL is up with role 'coffer'"
