#!/usr/bin/env bash
# The docker compose deployment, run for real with no image registry: the local images
# (deploy/build-images.sh), docker-compose.yml with deploy/compose.local.yml (host networking, all
# traffic on 127.0.0.1), a fleet of demo device databases rolled from version 2 to 5 through the
# coordinator's HTTP API, then every database checked on disk: version, integrity, rows, owner, and
# a backup of each. Prints PASS or FAIL and the time of each step; exits non-zero on failure.
#
#   deploy/compose-test.sh            # as root; FLOTILLA_COMPOSE_TEST_DEVICES (default 10)
#
# Starts a Docker daemon if none answers (deploy/docker-daemon.sh) and stops it at the end, also on
# failure; a daemon that was running already is left running. Nothing outlives the run: the
# containers and their volumes go with `docker-compose down -v`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

devices=${FLOTILLA_COMPOSE_TEST_DEVICES:-10}
rollout=r-compose-test-$(date +%s)
# The fleet belongs to the application's user; the workers run as that user (the image's).
owner=10001:10001
jar=cli/target/flotilla.jar
work=$(mktemp -d /tmp/flotilla-compose-test.XXXXXX)
chmod 0755 "$work" # the application's user reads the fleet inside

# Host networking on ports that leave a developer's own broker (9092, 9093) and services (a
# `flotilla demo` on 8081, 8082) alone.
export FLOTILLA_KAFKA_HOST=127.0.0.1 FLOTILLA_KAFKA_BIND=127.0.0.1
export FLOTILLA_KAFKA_PORT=19092 FLOTILLA_KAFKA_CONTROLLER_PORT=19093
export FLOTILLA_KAFKA_EXTERNAL_PORT=19094 FLOTILLA_COORDINATOR_HOST=127.0.0.1
export FLOTILLA_API_PORT=18081 FLOTILLA_NOTIFIER_PORT=18082 FLOTILLA_CENSUS_PORT=18083
ports=(19092 19093 19094 18081 18082 18083)
export FLOTILLA_FLEET=$work/fleet FLOTILLA_WORKER_USER=$owner
FLOTILLA_AUTH_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
export FLOTILLA_AUTH_SECRET
bootstrap=127.0.0.1:$FLOTILLA_KAFKA_PORT
api=http://127.0.0.1:$FLOTILLA_API_PORT
compose=(docker-compose --ansi never -p flotilla-compose-test -f docker-compose.yml
  -f deploy/compose.local.yml)

started_daemon=false
composed=false
timings=()
step_started=0

step() {
  step_done
  step_name=$1
  step_started=$(date +%s%N)
  echo "== $step_name" >&2
}

step_done() {
  if [ "$step_started" != 0 ]; then
    local tenths=$((($(date +%s%N) - step_started) / 100000000))
    timings+=("$(printf '%-36s %4d.%d s' "$step_name" $((tenths / 10)) $((tenths % 10)))")
    step_started=0
  fi
}

fail() {
  echo "compose-test: $*" >&2
  exit 1
}

finish() {
  local code=$?
  trap - EXIT INT TERM
  step_done
  if [ "$code" -ne 0 ] && $composed; then
    diagnose >&2 || true
  fi
  if $composed; then
    step "down"
    "${compose[@]}" down -v --remove-orphans >&2 || code=1
    step_done
  fi
  if $started_daemon; then
    step "stop the Docker daemon"
    deploy/docker-daemon.sh stop || code=1
    step_done
  fi
  rm -rf "$work"
  echo "---- times ----" >&2
  printf '%s\n' "${timings[@]}" >&2
  if [ "$code" -eq 0 ]; then
    echo "compose-test: PASS ($devices devices at version 5, verified, backed up)"
  else
    echo "compose-test: FAIL"
  fi
  exit "$code"
}
# On failure: each service's last log lines, Kafka's first (its lines are long and many), then
# every container's state, restarts and last health checks, so the end of the output says why.
diagnose() {
  local service id
  echo "---- docker-compose logs (last lines of each service) ----"
  "${compose[@]}" logs --no-color --tail=15 kafka || true
  for service in coordinator migration-worker backup-worker notifier; do
    "${compose[@]}" logs --no-color --tail=40 "$service" || true
  done
  echo "---- containers: state, restarts, last health checks ----"
  for id in $("${compose[@]}" ps -q); do
    docker inspect -f '{{.Name}} {{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}} health={{if .State.Health}}{{.State.Health.Status}}{{range .State.Health.Log}}
    check exit={{.ExitCode}}: {{.Output}}{{end}}{{end}}' "$id" || true
  done
  echo "---- listening sockets on the service ports ----"
  ss -ltnp 2>/dev/null | grep -E ":($(IFS='|'; echo "${ports[*]}")) " || true
}

trap finish EXIT
trap 'exit 130' INT TERM

rows() { # DB SQL: as the application's user, so no file of another owner appears in the fleet
  setpriv --reuid "${owner%:*}" --regid "${owner#*:}" --clear-groups sqlite3 "$1" "$2"
}

until_true() { # SECONDS WHAT COMMAND...: runs COMMAND every 2 s until it succeeds
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    ((SECONDS < deadline)) || fail "$what: not within the time allowed"
    sleep 2
  done
}

step "Docker daemon"
if docker info >/dev/null 2>&1; then
  echo "a Docker daemon answers already; it is left running" >&2
else
  deploy/docker-daemon.sh start
  started_daemon=true
fi
# The checks' tools: SQLite's shell, an HTTP client, a JSON reader, a Kafka client.
missing=()
for tool in sqlite3 curl jq kcat; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f "$jar" ]; then
  step "jar"
  ./mvnw -B -ntp -q -pl cli -am package -DskipTests
fi

step "images"
deploy/build-images.sh

step "fleet of $devices devices"
java -jar "$jar" demo-fleet --devices "$devices" --dir "$work/fleet" --migrations "$work/migrations"
chown -R "$owner" "$work/fleet"
declare -A readings_before events_before
for db in "$work"/fleet/*.db; do
  readings_before[$db]=$(rows "$db" 'SELECT count(*) FROM climate_readings')
  events_before[$db]=$(rows "$db" 'SELECT count(*) FROM event_log')
done

step "up, until every service is healthy"
# Host networking: a port another process holds would keep a service restarting, unhealthy.
if command -v ss >/dev/null; then
  taken=$(ss -ltnpH 2>/dev/null | grep -E ":($(IFS='|'; echo "${ports[*]}")) " || true)
  [ -z "$taken" ] || fail "ports the stack needs are taken: $taken"
fi
composed=true
"${compose[@]}" up -d --no-build
all_healthy() {
  local ids states
  ids=$("${compose[@]}" ps -q)
  [ "$(wc -w <<<"$ids")" -eq 5 ] || return 1
  # shellcheck disable=SC2086 # container ids, one word each
  states=$(docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Health.Status}} restarts={{.RestartCount}}' $ids)
  if grep -q -E ' (exited|dead) ' <<<"$states"; then
    fail "a container stopped: $(grep -E ' (exited|dead) ' <<<"$states")"
  fi
  # restart: unless-stopped hides a service that dies at start behind "restarting".
  if grep -q -E ' restarts=([3-9]|[1-9][0-9]+)$' <<<"$states"; then
    fail "a container keeps restarting: $(grep -E ' restarts=([3-9]|[1-9][0-9]+)$' <<<"$states")"
  fi
  ! grep -q -v ' running healthy restarts=[0-9]*$' <<<"$states"
}
until_true 240 "every service healthy" all_healthy
# shellcheck disable=SC2046 # container ids, one word each
networks=$(docker inspect -f '{{.HostConfig.NetworkMode}}' $("${compose[@]}" ps -q) | sort -u)
[ "$networks" = host ] || fail "containers not on host networking: $networks"

step "push the migration set"
FLOTILLA_BOOTSTRAP_SERVERS=$bootstrap java -jar "$jar" migrations push --set coachiq \
  "$work/migrations/coachiq"

step "inventory of $devices devices"
inventoried() {
  local seen
  seen=$(kcat -C -b "$bootstrap" \
    -t flotilla.device-inventory -e -q -f '%k\n' 2>/dev/null | sort -u | grep -c . || true)
  [ "$seen" -ge "$devices" ]
}
until_true 120 "every device in the inventory" inventoried

step "tokens"
operator=$(java -jar "$jar" tokens create --role operator --name compose-test --ttl 1h)
viewer=$(java -jar "$jar" tokens create --role viewer --name compose-viewer --ttl 1h)
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$api/rollouts")" = 401 ] ||
  fail "the API answers without a token"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $viewer" -X POST \
  -H 'Content-Type: application/json' -d '{}' "$api/rollouts")" = 403 ] ||
  fail "a viewer's token may create a rollout"

step "rollout to version 5"
curl -sS -f -X POST "$api/rollouts" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $operator" \
  -d '{"rolloutId": "'"$rollout"'", "migrationSet": "coachiq", "targetVersion": 5,
       "selector": {"all": true}, "requestedBy": "someone-else"}' >/dev/null
read_api() { curl -sS -H "Authorization: Bearer $viewer" "$@"; }
ended() {
  local status
  status=$(read_api "$api/rollouts/$rollout" | jq -r '.status // empty' || true)
  case "$status" in
    FINISHED) return 0 ;;
    REJECTED | ABORTED | HALTED)
      read_api "$api/rollouts/$rollout" | jq . >&2
      fail "rollout $rollout ended $status"
      ;;
    *) return 1 ;;
  esac
}
until_true 240 "rollout $rollout finished" ended
summary=$(read_api "$api/rollouts/$rollout")
jq -c '{status, devices, outcomes}' <<<"$summary" >&2
[ "$(jq '.devices' <<<"$summary")" -eq "$devices" ] || fail "the rollout covered $(jq '.devices' <<<"$summary") devices, not $devices"
[ "$(jq '.outcomes.done' <<<"$summary")" -eq "$devices" ] || fail "not every device is done"
[ "$(jq -r '.requestedBy' <<<"$summary")" = compose-test ] ||
  fail "the rollout names $(jq -r '.requestedBy' <<<"$summary") as its requester, not the token's holder"

step "the dashboard, through the notifier"
# Read whole, then searched: grep -q leaving early would fail curl's write under pipefail.
page=$(curl -sS -f "http://127.0.0.1:$FLOTILLA_NOTIFIER_PORT/dashboard/") || fail "the notifier serves no dashboard"
grep -q '<title>' <<<"$page" || fail "the notifier's dashboard page has no title"
[ "$(read_api -f "http://127.0.0.1:$FLOTILLA_NOTIFIER_PORT/api/rollouts/$rollout" | jq -r '.outcomes.done')" -eq "$devices" ] ||
  fail "the dashboard's API calls do not reach the coordinator"

step "check the fleet on disk"
backups=$(docker volume inspect -f '{{.Mountpoint}}' flotilla-compose-test_backups)
for db in "$work"/fleet/*.db; do
  device=$(basename "$db" .db)
  [ "$(rows "$db" 'SELECT max(version) FROM flotilla_schema_history')" = 5 ] ||
    fail "$device is not at version 5"
  [ "$(rows "$db" 'PRAGMA integrity_check')" = ok ] || fail "$device fails its integrity check"
  [ "$(rows "$db" 'SELECT count(*) FROM climate_readings')" = "${readings_before[$db]}" ] ||
    fail "$device: climate_readings rows changed"
  [ "$(rows "$db" 'SELECT count(*) FROM event_log')" = "${events_before[$db]}" ] ||
    fail "$device: event_log rows changed"
  [ "$(stat -c %u:%g "$db")" = "$owner" ] || fail "$device changed owner: $(stat -c %u:%g "$db")"
  manifest=$(find "$backups/$device" -maxdepth 1 -name '*.manifest.json' -print -quit 2>/dev/null)
  [ -n "$manifest" ] || fail "$device has no backup in $backups"
  backup=${manifest%.manifest.json}.db
  # A backup is never written again: read as it is, with no lock or companion file.
  [ "$(sqlite3 "file:$backup?immutable=1" 'SELECT max(version) FROM flotilla_schema_history')" = 2 ] ||
    fail "$device: its backup is not the database at version 2"
done
echo "$devices databases at version 5, intact, rows kept, owner kept, each backed up at version 2" >&2
