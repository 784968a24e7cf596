#!/bin/sh
# Creates or updates every connector in $CONNECTORS_DIR (default: connectors/ next to this script) on the
# Connect cluster at $CONNECT_URL, then exits. A file NAME.json holds the config of connector NAME, and
# PUT /connectors/NAME/config creates it or replaces its config, so running this again changes nothing.
# Plain POSIX sh and curl: the compose file runs it in Ferry's image as the one-shot service connect-init.
set -eu

connect_url=${CONNECT_URL:-http://connect-1:8083}
connectors_dir=${CONNECTORS_DIR:-$(dirname "$0")/connectors}
# how long to wait for the worker's REST API (seconds): a first start may wait for Kafka and its group
wait_seconds=${CONNECT_WAIT_SECONDS:-120}

waited=0
until curl -fsS -o /dev/null "$connect_url/connectors"; do
    if [ "$waited" -ge "$wait_seconds" ]; then
        echo "connect-init: $connect_url did not answer GET /connectors within $wait_seconds s;" \
            "check the worker's log (docker compose logs connect-1)" >&2
        exit 1
    fi
    sleep 2
    waited=$((waited + 2))
done

# the last answer's body, shown when a PUT fails for good
body=$(mktemp)
trap 'rm -f "$body"' EXIT

found=0
for file in "$connectors_dir"/*.json; do
    [ -e "$file" ] || continue
    found=1
    name=$(basename "$file" .json)
    attempt=1
    while :; do
        answer=$(curl -sS -o "$body" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
            --data-binary "@$file" "$connect_url/connectors/$name/config") || answer=000
        case "$answer" in
            200|201) break ;;
            # a rebalance in progress (409), a worker still starting (5xx) or no answer: try again shortly
            409|5??|000)
                if [ "$attempt" -ge 15 ]; then
                    echo "connect-init: PUT $connect_url/connectors/$name/config still answers $answer after" \
                        "$attempt attempts: $(cat "$body")" >&2
                    exit 1
                fi
                attempt=$((attempt + 1))
                sleep 2 ;;
            # the config itself is refused (400: unknown class, invalid settings): retrying cannot help
            *)
                echo "connect-init: PUT $connect_url/connectors/$name/config answered $answer: $(cat "$body");" \
                    "fix $file" >&2
                exit 1 ;;
        esac
    done
    echo "connect-init: connector $name $([ "$answer" = 201 ] && echo created || echo updated)"
done

if [ "$found" = 0 ]; then
    echo "connect-init: no connector files (*.json) in $connectors_dir" >&2
    exit 1
fi
