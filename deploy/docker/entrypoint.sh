#!/bin/sh
# The container entrypoint of Ferry's image, with the conventions of Confluent's cp-kafka-connect
# image (/etc/confluent/docker/run): the same required variables and error text, the same
# defaults, the same paths. What it does not do is render a worker file: `ferry distributed`
# maps CONNECT_* to worker properties itself (EnvironmentConfig, the image's rule), so this script
# only checks, sets defaults, translates the image's JVM and logging variables, and execs.
#
#   entrypoint.sh [distributed] [ferry distributed options]   a Connect worker (the default)
#   entrypoint.sh registry [ferry registry options]            a Schema Registry (SCHEMA_REGISTRY_*)
#   entrypoint.sh standalone|plugin|doctor [ARGS]              that ferry command, unchecked
#   entrypoint.sh COMMAND [ARGS]                               any other command, e.g. bash
# FERRY_MODE=registry picks the registry when no mode is given.
#
# Plain POSIX sh (the image runs it with dash-compatible /bin/sh); checked by shellcheck -s sh.
set -eu
if [ "${TRACE:-}" = true ]; then
  set -x   # as the cp image; this prints every variable's value, secrets too
fi

FERRY_HOME="${FERRY_HOME:-/opt/ferry}"
export FERRY_HOME
# Jars added to the worker's class path, like the cp image's CLASSPATH default.
jars_dir="${FERRY_JARS_DIR:-/etc/kafka-connect/jars}"
default_plugin_path="/usr/share/java,/usr/share/confluent-hub-components"

problems=0

say() {
  printf 'ferry-entrypoint: %s\n' "$*" >&2
}

# require NAME HINT: the cp image's `ub ensure NAME`, whose error is
# 'environment variable "NAME" is not set'; every missing variable is reported, not only the first.
require() {
  if eval "[ -z \"\${$1+set}\" ]"; then
    say "environment variable \"$1\" is not set; $2"
    problems=$((problems + 1))
  elif eval "[ -z \"\${$1}\" ]"; then
    say "environment variable \"$1\" is set but empty; $2"
    problems=$((problems + 1))
  fi
}

stop_if_problems() {
  if [ "$problems" -gt 0 ]; then
    say "not starting: $problems problem(s) with the environment above (docs/DEPLOY.md, \"Environment variables\", lists the variables)"
    exit 1
  fi
}

# append_opts VALUE: adds JVM flags to FERRY_OPTS, which bin/ferry puts on the java command line.
append_opts() {
  if [ -n "$1" ]; then
    FERRY_OPTS="${FERRY_OPTS:+$FERRY_OPTS }$1"
    export FERRY_OPTS
  fi
}

# map_logging ROOT_LEVEL LOGGERS: the image's log4j variables to Ferry's logging (WorkerLogging reads
# FERRY_LOG_LEVEL and FERRY_LOGGERS, 'name=LEVEL,name2=LEVEL'); FERRY_* set explicitly win.
map_logging() {
  if [ -n "$1" ] && [ -z "${FERRY_LOG_LEVEL:-}" ]; then
    export FERRY_LOG_LEVEL="$1"
  fi
  if [ -n "$2" ] && [ -z "${FERRY_LOGGERS:-}" ]; then
    export FERRY_LOGGERS="$2"
  fi
}

# JVM settings under the names Apache's and Confluent's scripts read.
map_jvm() {
  heap="$1"
  if [ -n "$heap" ] && [ -z "${FERRY_HEAP_OPTS:-}" ]; then
    export FERRY_HEAP_OPTS="$heap"
  fi
  # KAFKA_OPTS needs nothing: bin/ferry puts it on the java command line as Apache's scripts do.
  if [ -n "${KAFKA_JMX_PORT:-}" ]; then
    jmx_host="${KAFKA_JMX_HOSTNAME:-$(hostname -i 2>/dev/null | cut -d' ' -f1 || true)}"
    append_opts "${KAFKA_JMX_OPTS:--Dcom.sun.management.jmxremote=true -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false}"
    append_opts "-Dcom.sun.management.jmxremote.local.only=false -Dcom.sun.management.jmxremote.port=$KAFKA_JMX_PORT -Dcom.sun.management.jmxremote.rmi.port=$KAFKA_JMX_PORT${jmx_host:+ -Djava.rmi.server.hostname=$jmx_host}"
  elif [ -n "${KAFKA_JMX_OPTS:-}" ]; then
    append_opts "$KAFKA_JMX_OPTS"
  fi
}

run_worker() {
  require CONNECT_BOOTSTRAP_SERVERS "the Kafka brokers, e.g. CONNECT_BOOTSTRAP_SERVERS=kafka:9092"
  require CONNECT_GROUP_ID "the Connect cluster this worker joins, e.g. CONNECT_GROUP_ID=connect-cluster"
  require CONNECT_CONFIG_STORAGE_TOPIC "the cluster's config topic, e.g. CONNECT_CONFIG_STORAGE_TOPIC=connect-configs"
  require CONNECT_OFFSET_STORAGE_TOPIC "the cluster's offsets topic, e.g. CONNECT_OFFSET_STORAGE_TOPIC=connect-offsets"
  require CONNECT_STATUS_STORAGE_TOPIC "the cluster's status topic, e.g. CONNECT_STATUS_STORAGE_TOPIC=connect-status"
  require CONNECT_KEY_CONVERTER "e.g. CONNECT_KEY_CONVERTER=org.apache.kafka.connect.storage.StringConverter"
  require CONNECT_VALUE_CONVERTER "e.g. CONNECT_VALUE_CONVERTER=io.confluent.connect.avro.AvroConverter"
  require CONNECT_REST_ADVERTISED_HOST_NAME "the name other workers reach this one by (requests are forwarded to the leader), e.g. the container's host name"
  # The cp image's rule, by exact class name: Avro needs a registry (Protobuf and JSON Schema are not checked there either).
  if [ "${CONNECT_KEY_CONVERTER:-}" = io.confluent.connect.avro.AvroConverter ]; then
    require CONNECT_KEY_CONVERTER_SCHEMA_REGISTRY_URL "the AvroConverter key converter needs its registry, e.g. CONNECT_KEY_CONVERTER_SCHEMA_REGISTRY_URL=http://schema-registry:8081"
  fi
  if [ "${CONNECT_VALUE_CONVERTER:-}" = io.confluent.connect.avro.AvroConverter ]; then
    require CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL "the AvroConverter value converter needs its registry, e.g. CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL=http://schema-registry:8081"
  fi
  stop_if_problems

  # The image's defaults. Ferry turns CONNECT_REST_PORT into listeners=http://:<port> unless
  # CONNECT_LISTENERS is set (Apache Kafka itself no longer reads rest.port).
  export CONNECT_REST_PORT="${CONNECT_REST_PORT:-8083}"
  export CONNECT_PLUGIN_PATH="${CONNECT_PLUGIN_PATH:-$default_plugin_path}"
  # Never empty: an empty entry would put the working directory on the class path.
  export CLASSPATH="${CLASSPATH:-$jars_dir/*}"

  map_logging "${CONNECT_LOG4J_ROOT_LOGLEVEL:-}" "${CONNECT_LOG4J_LOGGERS:-}"
  # Taken care of here; left set, the worker would only note them as ignored.
  unset CONNECT_LOG4J_ROOT_LOGLEVEL CONNECT_LOG4J_LOGGERS
  map_jvm "${KAFKA_HEAP_OPTS:-}"

  # No wait for Kafka here (the cp image's `ub kafka-ready`): the worker itself retries an
  # unreachable broker, serving REST and answering /health/ready with 503 until it has joined.
  say "ferry distributed $* (group ${CONNECT_GROUP_ID}, Kafka at ${CONNECT_BOOTSTRAP_SERVERS})"
  exec "$FERRY_HOME/bin/ferry" distributed "$@"
}

run_registry() {
  require SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS "the Kafka brokers that hold _schemas, e.g. SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS=kafka:9092"
  require SCHEMA_REGISTRY_HOST_NAME "the name other registry instances and clients reach this one by, e.g. SCHEMA_REGISTRY_HOST_NAME=schema-registry"
  # As the cp-schema-registry image: the old port setting is refused rather than half-honoured.
  if [ -n "${SCHEMA_REGISTRY_PORT:-}" ]; then
    say "PORT is deprecated. Use SCHEMA_REGISTRY_LISTENERS instead, e.g. SCHEMA_REGISTRY_LISTENERS=http://0.0.0.0:8081"
    problems=$((problems + 1))
  fi
  stop_if_problems

  map_logging "${SCHEMA_REGISTRY_LOG4J_ROOT_LOGLEVEL:-}" "${SCHEMA_REGISTRY_LOG4J_LOGGERS:-}"
  map_jvm "${SCHEMA_REGISTRY_HEAP_OPTS:-}"
  append_opts "${SCHEMA_REGISTRY_OPTS:-}"
  # Read here for the JVM; without this they would also reach the registry as settings (heap.opts, ...).
  unset SCHEMA_REGISTRY_HEAP_OPTS SCHEMA_REGISTRY_OPTS SCHEMA_REGISTRY_LOG4J_ROOT_LOGLEVEL SCHEMA_REGISTRY_LOG4J_LOGGERS

  say "ferry registry $* (Kafka at ${SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS})"
  exec "$FERRY_HOME/bin/ferry" registry "$@"
}

if [ $# -eq 0 ]; then
  case "${FERRY_MODE:-distributed}" in
    distributed|worker|connect) run_worker ;;
    registry|schema-registry) run_registry ;;
    *) say "FERRY_MODE is '${FERRY_MODE}'; use FERRY_MODE=distributed (a Connect worker) or FERRY_MODE=registry"
       exit 2 ;;
  esac
fi
case "$1" in
  distributed|worker|connect)
    shift
    run_worker "$@" ;;
  registry|schema-registry)
    shift
    run_registry "$@" ;;
  standalone|plugin|doctor)
    # Ferry's other commands (`docker run ferry plugin list`); they check their own input.
    exec "$FERRY_HOME/bin/ferry" "$@" ;;
  -*)
    # Options only, e.g. --print-config: for the mode FERRY_MODE names.
    case "${FERRY_MODE:-distributed}" in
      registry|schema-registry) run_registry "$@" ;;
      *) run_worker "$@" ;;
    esac ;;
  *)
    # Any other command (bash, ferry plugin list, ...), as images conventionally allow.
    exec "$@" ;;
esac
