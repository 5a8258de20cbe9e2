#!/usr/bin/env bash
# bench_web.sh [BUILD_DIR]: the web app's budgets from issue #8, measured, not asserted.
#   - the JavaScript bundle, gzipped (-9), summed over <build>/web/assets/*.js: budget 400 KB;
#   - the first load of the app in Debian's chromium on localhost: budget 1 s.
# BUILD_DIR defaults to build/ (it needs bin/backoffice and web/ built). Prints one line per
# figure; see docs/web.md for the method and docs/performance.md for recorded figures.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
assets="$build/web/assets"
if ! compgen -G "$assets/*.js" >/dev/null; then
    echo "bench_web: no $assets/*.js; build the 'web' target first" >&2
    exit 2
fi

raw=0
gzipped=0
files=0
for f in "$assets"/*.js; do
    raw=$((raw + $(wc -c <"$f")))
    gzipped=$((gzipped + $(gzip -9c "$f" | wc -c)))
    files=$((files + 1))
done
css=0
for f in "$assets"/*.css; do
    [[ -e "$f" ]] && css=$((css + $(gzip -9c "$f" | wc -c)))
done
printf 'bundle: %d JS file(s), %.1f KB raw, %.1f KB gzipped (budget 400 KB); CSS %.1f KB gzipped\n' \
    "$files" "$(echo "$raw / 1024" | bc -l)" "$(echo "$gzipped / 1024" | bc -l)" "$(echo "$css / 1024" | bc -l)"

BO_BINARY="${BO_BINARY:-$build/bin/backoffice}" node "$here/first_load.mjs"
