#!/usr/bin/env bash
# The Dockerfile's recipe, outside Docker (images cannot be pulled everywhere CI runs): a clean
# clone of the committed HEAD; the build stage (npm ci, build, prune to production dependencies);
# the runtime stage (only the paths its `COPY --from=build` lines name, read from the Dockerfile);
# then the Dockerfile's CMD (`node dist/main.js`) with those alone must be healthy on /healthz and
# stop gracefully on SIGTERM, its embedded PostgreSQL included. It catches what a container would
# hit first: something needed at run time that is only a dev dependency, or a file the image
# leaves out.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/jobdesk-recipe-XXXXXX)"
# As root, the embedded server runs as the user postgres, which must be able to enter these.
chmod 755 "$work"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" || true; fi
  if [ -f "$work/data/postgres/postmaster.pid" ]; then
    kill -INT "$(head -n 1 "$work/data/postgres/postmaster.pid")" 2>/dev/null || true
    sleep 1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "-- build stage: clean clone, npm ci, build, prune"
git clone --quiet "$repo" "$work/build"
cd "$work/build"
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
npm prune --omit=dev --no-audit --no-fund --loglevel=error
if [ -d node_modules/typescript ] || [ -d node_modules/tsx ]; then
  echo "prune left dev dependencies in node_modules" >&2
  exit 1
fi

echo "-- runtime stage: the paths the Dockerfile copies"
mkdir "$work/app"
mapfile -t copied < <(sed -nE 's|^COPY --from=build /app/([^ ]+) .*|\1|p' "$repo/Dockerfile")
if [ "${#copied[@]}" -eq 0 ]; then
  echo "no COPY --from=build lines found in the Dockerfile" >&2
  exit 1
fi
for path in "${copied[@]}"; do
  cp -a "$work/build/$path" "$work/app/$path"
  echo "   $path"
done
rm -rf "$work/build"

mapfile -t cmd < <(sed -nE 's|^CMD (\[.*\])$|\1|p' "$repo/Dockerfile" | node -e \
  'for (const word of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(word)')
if [ "${cmd[0]:-}" != node ]; then
  echo "the Dockerfile's CMD is not a JSON array starting with node" >&2
  exit 1
fi
echo "-- start: ${cmd[*]} (the Dockerfile's CMD; production dependencies only, embedded database)"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
cd "$work/app"
env -i PATH="$PATH" HOME="$work" NODE_ENV=production PORT="$port" DATA_DIR="$work/data" \
  "${cmd[@]}" >"$work/out.log" 2>&1 &
pid=$!
started=$(date +%s%N)
healthy=""
for _ in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then healthy=yes; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$healthy" ]; then
  echo "not healthy on /healthz:" >&2
  cat "$work/out.log" >&2
  exit 1
fi
echo "   healthy after $(( ($(date +%s%N) - started) / 1000000 )) ms"
server="$(head -n 1 "$work/data/postgres/postmaster.pid")"

echo "-- SIGTERM"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=""
if [ "$rc" -ne 0 ] || ! grep -q '"msg":"stopped"' "$work/out.log"; then
  echo "no graceful stop (exit $rc):" >&2
  cat "$work/out.log" >&2
  exit 1
fi
if kill -0 "$server" 2>/dev/null; then
  echo "the embedded PostgreSQL (pid $server) is still running after the stop" >&2
  exit 1
fi
echo "container recipe: ok (healthy, graceful stop, embedded database stopped)"
