#!/bin/sh
# First start: initdb into $PGDATA as the postgres user, with $POSTGRES_USER as the superuser
# (password from $POSTGRES_PASSWORD_FILE or $POSTGRES_PASSWORD, scram-sha-256 over TCP) and
# $POSTGRES_DB created; then runs the command as the postgres user.
set -eu
if [ "${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    user="${POSTGRES_USER:-postgres}"
    pw="${POSTGRES_PASSWORD:-}"
    if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then pw="$(cat "$POSTGRES_PASSWORD_FILE")"; fi
    if [ -z "$pw" ]; then
      echo "error: set POSTGRES_PASSWORD_FILE (or POSTGRES_PASSWORD)" >&2
      exit 1
    fi
    pwfile="$(mktemp)"
    printf '%s' "$pw" >"$pwfile"
    chown postgres "$pwfile"
    # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of arguments
    setpriv --reuid=postgres --regid=postgres --init-groups -- initdb -D "$PGDATA" -U "$user" \
      --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 ${POSTGRES_INITDB_ARGS:-}
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    db="${POSTGRES_DB:-$user}"
    if [ "$db" != postgres ]; then
      echo "CREATE DATABASE \"$db\" OWNER \"$user\";" |
        setpriv --reuid=postgres --regid=postgres --init-groups -- postgres --single -D "$PGDATA" postgres >/dev/null
    fi
  fi
  exec setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
fi
exec "$@"
