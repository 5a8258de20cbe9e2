#!/usr/bin/env bash
# bench_http: wrk on loopback against the real server, on SQLite and (when
# BO_TEST_POSTGRES_URL is set, as under scripts/with-postgres) PostgreSQL:
#   - an authenticated GET  /api/v1/me (session check + a small read + JSON)
#   - an authenticated POST /api/v1/saved-filters (a durable write + an audit event)
# at 64 and 512 connections, printing requests/s and p50/p99 latency per case.
# Usage: bench/http/bench_http.sh [BUILD] ; env BENCH_SECONDS (default 10).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
binary=$(cd "$build" && pwd)/bin/backoffice
seconds=${BENCH_SECONDS:-10}
work=$(mktemp -d)
server_pid=""
cleanup() {
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# with_database_name URL NAME: the PostgreSQL URL with its database replaced.
with_database_name() {
    local url=$1 name=$2
    local query=""
    [[ "$url" == *\?* ]] && query="?${url#*\?}"
    local base=${url%%\?*}
    local prefix=${base%/*}
    echo "$prefix/$name$query"
}

json_field() {  # json_field FIELD: reads JSON on stdin, prints a top-level string field
    python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"
}

run_case() {  # run_case LABEL CONNECTIONS ARGS...
    local label=$1 connections=$2
    shift 2
    local out
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" 2>&1)
    local rps p50 p99 non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%-10s %-28s %5s conns %12s req/s  p50 %8s  p99 %8s  non-2xx %s\n' \
        "$backend" "$label" "$connections" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

bench_backend() {  # bench_backend NAME URL
    backend=$1
    local url=$2
    "$binary" seed-demo --db "$url" > "$work/seed.txt"
    local password
    password=$(grep -o 'password [^ ]*' "$work/seed.txt" | head -1 | cut -d' ' -f2)
    BACKOFFICE_LOG_LEVEL=warn "$binary" serve --db "$url" --listen 127.0.0.1:0 > "$work/serve.txt" 2>&1 &
    server_pid=$!
    local port=""
    for _ in $(seq 100); do
        port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.txt" | head -1 | cut -d: -f3 || true)
        [[ -n "$port" ]] && break
        sleep 0.1
    done
    local base="http://127.0.0.1:$port"
    local signin
    signin=$(curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
        -d "{\"company\":\"DEMO\",\"username\":\"admin\",\"password\":\"$password\"}" \
        "$base/api/v1/session")
    local csrf session
    csrf=$(json_field csrf_token <<<"$signin")
    session=$(awk '$6 == "bo_session" {print $7}' "$work/cookies")
    for connections in 64 512; do
        run_case "GET /api/v1/me" "$connections" -H "Cookie: bo_session=$session" "$base/api/v1/me"
        BO_CSRF=$csrf run_case "POST /api/v1/saved-filters" "$connections" \
            -H "Cookie: bo_session=$session" -H "X-CSRF-Token: $csrf" \
            -s "$here/post_saved_filter.lua" "$base/api/v1/saved-filters"
    done
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

echo "bench_http: wrk -t2, ${seconds}s per case, $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# The figures mean little on a busy machine: say how busy it was.
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
bench_backend sqlite "sqlite:$work/bench.db"
if [[ -n "${BO_TEST_POSTGRES_URL:-}" ]]; then
    psql -q "$BO_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS bo_bench_http" -c "CREATE DATABASE bo_bench_http"
    bench_backend postgres "$(with_database_name "$BO_TEST_POSTGRES_URL" bo_bench_http)"
fi
