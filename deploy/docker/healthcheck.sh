#!/bin/sh
# The image's HEALTHCHECK. A worker is healthy when GET /health/ready answers 200 (its herder
# answers and it has joined its group; Apache's /health, KIP-1017), a registry when GET / answers
# 200. The cp image probes /connectors instead, which answers before the worker has joined.
#
# The port comes from the same variables the process reads: the first of CONNECT_LISTENERS (or
# SCHEMA_REGISTRY_LISTENERS), else CONNECT_REST_PORT, else 8083 (8081 for a registry). The
# registry is probed when FERRY_MODE=registry, or when only SCHEMA_REGISTRY_* is configured.
# FERRY_HEALTHCHECK_URL replaces all of this.
set -eu

# port_of LISTENER DEFAULT: the port of 'http://host:port', '[::]:port' style hosts included.
port_of() {
  rest="${1#*://}"
  rest="${rest%%/*}"
  case "$rest" in
    *:*) printf '%s' "${rest##*:}" ;;
    *) printf '%s' "$2" ;;
  esac
}

# url_for LISTENERS DEFAULT_PORT PATH
url_for() {
  first="${1%%,*}"
  scheme=http
  case "$first" in
    https://*) scheme=https ;;
  esac
  port="$2"
  if [ -n "$first" ]; then
    port="$(port_of "$first" "$2")"
  fi
  printf '%s://localhost:%s%s' "$scheme" "$port" "$3"
}

url="${FERRY_HEALTHCHECK_URL:-}"
if [ -z "$url" ]; then
  mode="${FERRY_MODE:-}"
  if [ -z "$mode" ] && [ -z "${CONNECT_BOOTSTRAP_SERVERS:-}" ] \
     && [ -n "${SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS:-}" ]; then
    mode=registry
  fi
  case "$mode" in
    registry|schema-registry) url="$(url_for "${SCHEMA_REGISTRY_LISTENERS:-}" 8081 /)" ;;
    *) url="$(url_for "${CONNECT_LISTENERS:-}" "${CONNECT_REST_PORT:-8083}" /health/ready)" ;;
  esac
fi

# -k: a TLS listener here has the worker's own certificate, not one localhost verifies.
code="$(curl -k -s -o /dev/null -m 8 -w '%{http_code}' "$url" || true)"
if [ "$code" = 200 ]; then
  exit 0
fi
echo "$(date -u '+%Y-%m-%dT%H:%M:%SZ') $url answered ${code:-nothing} (waiting for 200)"
exit 1
