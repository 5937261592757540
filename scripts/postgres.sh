#!/usr/bin/env bash
# Sourced by scripts that need a throwaway PostgreSQL server on loopback.
# fractal_pg_start exports FRACTAL_PG_URL (and the variable Backstage's
# TestDatabases reads); fractal_pg_stop removes the server and its data.

fractal_pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

fractal_ensure_postgres() {
  fractal_pg_bindir >/dev/null && return 0
  fractal_apt_install /nonexistent-check postgresql || return 1
  fractal_pg_bindir >/dev/null
}

fractal_pg_start() {
  local bindir port user
  bindir="$(fractal_pg_bindir)" || { echo "PostgreSQL binaries not found" >&2; return 1; }
  port="${FRACTAL_PG_PORT:-55432}"
  FRACTAL_PG_DIR="$(mktemp -d /tmp/fractal-pg.XXXXXX)"
  export FRACTAL_PG_DIR
  user="$(id -un)"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: run the server as the postgres system user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$FRACTAL_PG_DIR"
    run=(runuser -u postgres --)
    user=postgres
  fi
  "${run[@]}" "$bindir/initdb" -D "$FRACTAL_PG_DIR/data" -U "$user" --auth=trust -E UTF8 >"$FRACTAL_PG_DIR/initdb.log" 2>&1 ||
    { cat "$FRACTAL_PG_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bindir/pg_ctl" -D "$FRACTAL_PG_DIR/data" -l "$FRACTAL_PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $FRACTAL_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$FRACTAL_PG_DIR/server.log" >&2; return 1; }
  FRACTAL_PG_URL="postgresql://$user@127.0.0.1:$port/postgres"
  FRACTAL_PG_RUN_AS="${run[*]}"
  FRACTAL_PG_BINDIR="$bindir"
  export FRACTAL_PG_URL FRACTAL_PG_RUN_AS FRACTAL_PG_BINDIR
  local version major
  version="$("$bindir/postgres" --version | awk '{print $3}')"
  major="${version%%.*}"
  # Backstage's TestDatabases runs POSTGRES_<major> when this variable is set.
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=$FRACTAL_PG_URL"
  export FRACTAL_PG_TEST_DATABASE_ID="POSTGRES_${major}"
  fractal_log "PostgreSQL $version listening on 127.0.0.1:$port"
}

fractal_pg_stop() {
  [ -n "${FRACTAL_PG_DIR:-}" ] && [ -d "$FRACTAL_PG_DIR/data" ] || return 0
  # shellcheck disable=SC2086
  $FRACTAL_PG_RUN_AS "$FRACTAL_PG_BINDIR/pg_ctl" -D "$FRACTAL_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$FRACTAL_PG_DIR"
}
