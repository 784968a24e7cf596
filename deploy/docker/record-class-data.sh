#!/bin/sh
# Bakes the class-data-sharing (AppCDS) archive into the image: the Dockerfile runs this once, so
# every container maps the archive from its first start instead of only a restart of the same
# container. bin/ferry records an archive when a worker start exits, and keeps it only if that
# worker got as far as serving (the '.ready' mark, written once REST answers and the worker's
# stores are read); this script makes such a start at build time:
#
#   1. `ferry dev` for its embedded Kafka broker (not recorded: the launcher records worker starts
#      only); a distributed worker reads its topics and joins its group before it is ready, and
#      those classes (Kafka's clients, the group protocol) are half of what a real start loads;
#   2. a distributed worker configured from CONNECT_* alone, as the image's entrypoint starts one,
#      against that broker; bin/ferry records its classes;
#   3. once the launcher's mark is written and GET /health/ready answers 200, SIGTERM: the JVM
#      writes the archive as it exits; then the broker is stopped;
#   4. bin/ferry once more (--version) with -Xshare:on: the launcher moves the marked recording
#      into place and the JVM must map it, or this fails.
#
# The archive lands in $FERRY_HOME/.cds, keyed on the JVM and the jars of lib/ (bin/ferry). The
# JVM writes it read-only for everyone (0444), so uid 1000 and any uid in group 0 map it.
# Environment: FERRY_HOME (default /opt/ferry), FERRY_RECORD_PORT (the worker's REST port on
# 127.0.0.1, default 8083), FERRY_RECORD_TIMEOUT (seconds per step, default 180: emulated builds
# are slow). Exits 1, with the processes' output, when no archive could be recorded.
# Plain POSIX sh; checked by shellcheck -s sh.
set -eu

FERRY_HOME="${FERRY_HOME:-/opt/ferry}"
export FERRY_HOME
port="${FERRY_RECORD_PORT:-8083}"
timeout="${FERRY_RECORD_TIMEOUT:-180}"
cds_dir="$FERRY_HOME/.cds"
work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-cds.XXXXXX")
log="$work/worker.log"
broker_log="$work/broker.log"
pid=""
broker_pid=""
status=""

say() {
  printf 'record-class-data: %s\n' "$*" >&2
}

cleanup() {
  for p in $pid $broker_pid; do
    kill -KILL "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  say "$*"
  for file in "$broker_log" "$log"; do
    if [ -s "$file" ]; then
      say "$(basename "$file" .log) output:"
      sed 's/^/  | /' "$file" >&2
    fi
  done
  exit 1
}

# stop PID WHAT: SIGTERM, then up to 60 s for the process to exit; sets 'status' to its exit status.
stop() {
  kill -TERM "$1" 2>/dev/null || true
  waited=0
  while kill -0 "$1" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then
      fail "the $2 did not stop within 60 s of SIGTERM"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  wait "$1" && status=0 || status=$?
}

# timed_out STARTED: whether FERRY_RECORD_TIMEOUT seconds have passed since STARTED (date +%s).
timed_out() {
  [ $(($(date +%s) - $1)) -ge "$timeout" ]
}

# ready_mark: the mark the recording JVM creates once its worker has started, REST up and stores
# read (bin/ferry passes -Dferry.cds.ready=<archive>.<pid>.ready; exec keeps the launcher's pid).
ready_mark() {
  for mark in "$cds_dir"/ferry-*.jsa."$pid".ready; do
    [ -e "$mark" ] && return 0
  done
  return 1
}

http_ok() {
  curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port$1"
}

if [ "${FERRY_CDS:-on}" = off ]; then
  fail "FERRY_CDS=off disables the archive; unset it to record one"
fi
if ! command -v curl >/dev/null 2>&1; then
  fail "curl is needed to see the worker answer GET /health/ready; install it (the Temurin images have it)"
fi
mkdir -p "$cds_dir"
# A fresh recording: bin/ferry maps an archive that is already there instead of recording.
rm -f "$cds_dir"/ferry-*.jsa*
# Whatever the worker writes beside its offsets stays in the scratch directory (the image's
# working directory is / at this point, not writable by uid 1000).
cd "$work"

# The broker: ferry dev's embedded one, on a free port it prints. Its worker, registry and sample
# pipeline run too (ports chosen by the system); FERRY_CDS=off keeps its JVM away from .cds, and
# its temporary files (the broker's log directory) stay in the scratch directory.
started=$(date +%s)
FERRY_CDS=off FERRY_OPTS="${FERRY_OPTS:+$FERRY_OPTS }-Djava.io.tmpdir=$work" \
  "$FERRY_HOME/bin/ferry" dev --dir "$work/dev" --port 0 --registry-port 0 >"$broker_log" 2>&1 &
broker_pid=$!
bootstrap=""
until [ -n "$bootstrap" ]; do
  kill -0 "$broker_pid" 2>/dev/null || fail "ferry dev, which provides the broker, exited before it was running"
  timed_out "$started" && fail "ferry dev's broker was not running within $timeout s; raise FERRY_RECORD_TIMEOUT on a slow builder"
  sleep 0.2
  bootstrap=$(sed -n 's/^ *Kafka: *\([^ ]*\).*/\1/p' "$broker_log" | head -n 1)
done
say "broker: ferry dev's embedded Kafka at $bootstrap (pid $broker_pid), after $(($(date +%s) - started)) s"

# The worker: only the variables set here (and the image's CONNECT_PLUGIN_PATH, so that discovery
# scans the folders a container's worker scans). The image's CLASSPATH (the jars folder) is
# appended at run time, which AppCDS allows: the recorded class path only has to be a prefix.
started=$(date +%s)
env CONNECT_BOOTSTRAP_SERVERS="$bootstrap" \
    CONNECT_GROUP_ID=ferry-class-data \
    CONNECT_CONFIG_STORAGE_TOPIC=ferry-class-data-configs \
    CONNECT_OFFSET_STORAGE_TOPIC=ferry-class-data-offsets \
    CONNECT_STATUS_STORAGE_TOPIC=ferry-class-data-status \
    CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR=1 \
    CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR=1 \
    CONNECT_STATUS_STORAGE_REPLICATION_FACTOR=1 \
    CONNECT_KEY_CONVERTER=org.apache.kafka.connect.json.JsonConverter \
    CONNECT_VALUE_CONVERTER=org.apache.kafka.connect.json.JsonConverter \
    CONNECT_LISTENERS="http://127.0.0.1:$port" \
    CONNECT_REST_ADVERTISED_HOST_NAME=127.0.0.1 \
    "$FERRY_HOME/bin/ferry" distributed >"$log" 2>&1 &
pid=$!
say "recording: a distributed worker (pid $pid) with REST on 127.0.0.1:$port"

until ready_mark && http_ok /health/ready 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && code=0 || code=$?
    pid=""
    fail "the worker exited with $code before it was ready, so no archive is kept"
  fi
  timed_out "$started" && fail "the worker was not ready within $timeout s (ready mark: $(ready_mark && echo yes || echo no)); raise FERRY_RECORD_TIMEOUT on a slow builder"
  sleep 0.2
done
http_ok /health/live || fail "the worker is ready but GET /health/live failed"
say "worker ready (joined its group) after $(($(date +%s) - started)) s; stopping it with SIGTERM so that the JVM writes the archive"

stop "$pid" worker
pid=""
# 143: the JVM's exit status after SIGTERM once its shutdown hooks ran.
if [ "$status" -ne 0 ] && [ "$status" -ne 143 ]; then
  fail "the worker exited with $status on SIGTERM"
fi
stop "$broker_pid" "ferry dev broker"
broker_pid=""

# The launcher moves the marked recording into place; -Xshare:on makes the JVM fail if it cannot
# map it, so a broken archive fails the build rather than every container's start.
if ! check=$(FERRY_OPTS="${FERRY_OPTS:+$FERRY_OPTS }-Xshare:on" "$FERRY_HOME/bin/ferry" --version 2>&1); then
  fail "the recorded archive does not map (ferry --version with -Xshare:on): $check"
fi
archive=""
for file in "$cds_dir"/ferry-*.jsa; do
  [ -f "$file" ] && archive=$file
done
[ -n "$archive" ] || fail "no archive in $cds_dir after the recording run"
chmod 0444 "$archive"
say "archive $archive ($(wc -c <"$archive") bytes) recorded; $check"
