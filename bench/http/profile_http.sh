#!/usr/bin/env bash
# profile_http: instructions per request of `backoffice serve` (SQLite), counted by callgrind
# while wrk drives one request kind for 10 s. Machine-independent, unlike req/s on a shared VM.
#   bench/http/profile_http.sh BINARY get|post OUT [CONNECTIONS]
# Prints "requests N  Ir/request M"; OUT.1 is the callgrind file (callgrind_annotate OUT.1).
set -euo pipefail
B=$1; mode=$2; out=$3; conns=${4:-4}
d=$(mktemp -d); port=$((18000 + RANDOM % 1000))
$B seed-demo --db sqlite:$d/p.db > $d/seed.txt
pw=$(grep -o 'password [^ ]*' $d/seed.txt | head -1 | cut -d' ' -f2)
BACKOFFICE_LOG_LEVEL=${LOG_LEVEL:-warn} valgrind --tool=callgrind --callgrind-out-file=$out $B serve --db sqlite:$d/p.db --listen 127.0.0.1:$port > $d/serve.txt 2>$d/serve.err &
vp=$!
for i in $(seq 100); do grep -q listening $d/serve.txt 2>/dev/null && break; sleep 0.3; done
base=http://127.0.0.1:$port
signin=$(curl -s -c $d/cookies -H 'Content-Type: application/json' -d "{\"company\":\"DEMO\",\"username\":\"admin\",\"password\":\"$pw\"}" $base/api/v1/session)
csrf=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['csrf_token'])" "$signin")
session=$(awk '$6 == "bo_session" {print $7}' $d/cookies)
callgrind_control -z $vp >/dev/null
if [[ $mode == get ]]; then
  r=$(wrk -t1 -c$conns -d10s -H "Cookie: bo_session=$session" $base/api/v1/me)
else
  r=$(wrk -t1 -c$conns -d10s -H "Cookie: bo_session=$session" -H "X-CSRF-Token: $csrf" -s $(dirname "$0")/post_saved_filter.lua $base/api/v1/saved-filters)
fi
n=$(awk '/requests in/ {print $1}' <<<"$r")
callgrind_control -d $vp >/dev/null
kill $vp; wait $vp 2>/dev/null || true
f=$out.1
tot=$(callgrind_annotate $f 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",","",$1); print $1}')
echo "requests $n  Ir/request $((tot / n))  file $f"
rm -rf $d
