#!/bin/sh
# The services `npm test` talks to (npm's pretest runs this after test-deps.sh): Redis on
# 127.0.0.1:6379 (or REDIS_URL) and PostgreSQL on 127.0.0.1:5432 with a database `test` (or
# TEST_DATABASE_URL), trust auth. Machines of this project's kind run both from the start; when one
# does not answer, this starts the local one if it is installed and we are root, else stops at once
# with the command to run.
set -eu

if [ -z "${REDIS_URL:-}" ] && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "npm test: no Redis answers on 127.0.0.1:6379: starting one (nothing kept on disk)"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    for _ in $(seq 50); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.1; done
  else
    echo "npm test needs Redis on 127.0.0.1:6379 (or REDIS_URL). Install and start it:" >&2
    echo "" >&2
    echo "    apt-get install -y redis-server && redis-server --daemonize yes --save '' --appendonly no" >&2
    exit 1
  fi
fi

# The cluster tests (vitest project "cluster", tests/chaos) start their own Redis Cluster on
# loopback ports from redis-server and redis-cli, whatever Redis answers on 6379.
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "npm test: installing redis-server (the cluster tests start their own Redis Cluster)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  else
    echo "npm test needs redis-server and redis-cli (the cluster tests start a Redis Cluster on loopback). Install them:" >&2
    echo "" >&2
    echo "    sudo apt-get install -y redis-server" >&2
    exit 1
  fi
fi

if [ -z "${TEST_DATABASE_URL:-}" ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "npm test: PostgreSQL does not answer on 127.0.0.1:5432: starting cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    echo "npm test needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres, database test), or TEST_DATABASE_URL." >&2
    echo "On Debian:" >&2
    echo "" >&2
    echo "    apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
    exit 1
  fi
fi
