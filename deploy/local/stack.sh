#!/usr/bin/env bash
# Driftline's Docker-free local stack: Apache Kafka (KRaft, single node), Apicurio Registry
# (Confluent-compatible API) and Redis, started from real artifacts on 127.0.0.1.
#
#   bash deploy/local/stack.sh up              start what is not running, wait until ready
#   bash deploy/local/stack.sh down [--purge]  stop everything; --purge also deletes the data
#   bash deploy/local/stack.sh status          one line per component; exit 0 only if all ready
#
# Recipes: ../shared/reference/kafka-local.md (§1 Kafka, §3 Apicurio, §7 Redis, §8 tests).
# Layout (git-ignored): .stack/{data,logs,run,cache}, .stack/env. See deploy/local/README.md.
# One file on purpose (longer than our usual ~400-line limit): npm scripts, CI and test setup
# run it with nothing but bash, and its sections below are independent (helpers, Kafka,
# Apicurio, Redis, waiting, process control, commands).
set -Eeuo pipefail

# ---------------------------------------------------------------- configuration

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"
STACK_DIR="${DRIFTLINE_STACK_DIR:-${REPO_ROOT}/.stack}"
DATA_DIR="${STACK_DIR}/data"
LOG_DIR="${STACK_DIR}/logs"
RUN_DIR="${STACK_DIR}/run"
CACHE_DIR="${STACK_DIR}/cache"
ENV_FILE="${STACK_DIR}/env"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_SASL_PORT="${KAFKA_SASL_PORT:-9094}"
KAFKA_TLS_PORT="${KAFKA_TLS_PORT:-9095}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
REGISTRY_MANAGEMENT_PORT="${REGISTRY_MANAGEMENT_PORT:-9001}"
REDIS_PORT="${REDIS_PORT:-6379}"

APICURIO_VERSION="${APICURIO_VERSION:-3.3.3}"
MAVEN_DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-90}"
REGISTRY_READY_TIMEOUT="${REGISTRY_READY_TIMEOUT:-120}"
REDIS_READY_TIMEOUT="${REDIS_READY_TIMEOUT:-20}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"

# Fast-start JVM settings (C1 only, serial GC): fine for tests and local development, where
# start time matters more than peak throughput. Override with KAFKA_JVM_OPTS / REGISTRY_JVM_OPTS.
KAFKA_JVM_OPTS="${KAFKA_JVM_OPTS:--Xms256m -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"
REGISTRY_JVM_OPTS="${REGISTRY_JVM_OPTS:--Xms128m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"

KAFKA_DIR="${DATA_DIR}/kafka"
KAFKA_TLS_DIR="${KAFKA_DIR}/tls"
KAFKA_LIBS="${CACHE_DIR}/kafka-libs"
KAFKA_LOG="${LOG_DIR}/kafka.log"
KAFKA_PID="${RUN_DIR}/kafka.pid"
REGISTRY_DIR="${DATA_DIR}/registry"
REGISTRY_HOME="${CACHE_DIR}/apicurio-registry-${APICURIO_VERSION}"
REGISTRY_LOG="${LOG_DIR}/registry.log"
REGISTRY_PID="${RUN_DIR}/registry.pid"
REDIS_DIR="${DATA_DIR}/redis"
REDIS_LOG="${LOG_DIR}/redis.log"
REDIS_PID="${RUN_DIR}/redis.pid"

KAFKA_STARTED_MESSAGE="Kafka Server started"

# ---------------------------------------------------------------- helpers

log() { printf '[stack] %s\n' "$*" >&2; }
die() {
  printf '[stack] ERROR: %s\n' "$*" >&2
  exit 1
}

now_ms() { date +%s%3N; }
elapsed() { # elapsed <start_ms> -> "12.3s"
  local ms=$(($(now_ms) - $1))
  printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100))
}

port_open() { # port_open <port>: true when something accepts TCP on 127.0.0.1:<port>
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# http_get <port> <path>: prints the body of a 200 answer from 127.0.0.1, else fails.
# Uses curl when present, else plain bash /dev/tcp (HTTP/1.0, so the server closes).
http_get() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time 2 "http://127.0.0.1:$1$2" 2>/dev/null
    return
  fi
  # shellcheck disable=SC2016  # expanded by the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$1" >&3
    cat <&3' "$1" "$2" 2>/dev/null |
    awk 'NR == 1 { if ($2 != "200") exit 1; next } body { print } /^\r?$/ { body = 1 } END { if (NR == 0) exit 1 }'
}

read_pid() { if [[ -s "$1" ]]; then tr -dc '0-9' <"$1"; fi; }

# pid_is <pid> <component>: the pid is alive and is that component of THIS stack (checked on
# its command line, or for Redis its working dir), so a stale pid file whose pid was reused by
# an unrelated process, or a stack in another DRIFTLINE_STACK_DIR, is not mistaken for ours.
pid_is() {
  local pid="$1" cmd
  [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null)" || return 1
  case "$2" in
  kafka) [[ "${cmd}" == *"-Ddriftline.stack=kafka "* && "${cmd}" == *" ${KAFKA_DIR}/server.properties"* ]] ;;
  registry) [[ "${cmd}" == *"-Ddriftline.stack=registry "* && "${cmd}" == *" ${REGISTRY_HOME}/"* ]] ;;
  redis) [[ "${cmd}" == redis-server* && "$(readlink "/proc/${pid}/cwd")" == "${REDIS_DIR}" ]] ;;
  *) return 1 ;;
  esac
}

# check_same_port <component> <pid> <port> <env var>: `up` with other ports than the running
# component was started with would leave it orphaned; refuse and say what to do.
check_same_port() {
  local was
  was="$(cat "${RUN_DIR}/$1.port" 2>/dev/null || true)"
  if [[ -n "${was}" && "${was}" != "$3" ]]; then
    die "$1 is already running (pid $2) on port ${was}, but $4=$3.
        Run 'bash deploy/local/stack.sh down' with the old ports first, or use $4=${was}."
  fi
}

show_log_tail() { # show_log_tail <file>
  if [[ -f "$1" ]]; then
    printf '[stack] ---- last 30 lines of %s ----\n' "$1" >&2
    tail -n 30 "$1" >&2 || true
    printf '[stack] ---- end of %s ----\n' "$1" >&2
  else
    printf '[stack] (no log file at %s)\n' "$1" >&2
  fi
}

fail_component() { # fail_component <name> <log> <message>
  printf '[stack] ERROR: %s: %s (log: %s)\n' "$1" "$3" "$2" >&2
  show_log_tail "$2"
  exit 1
}

rotate_log() { if [[ -f "$1" ]]; then mv -f "$1" "$1.1"; fi; } # keep the previous run's log

java_major() { # java_major <java binary> -> 17, 21, 25 ... (empty if not runnable)
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
  v="${v#1.}"
  printf '%s' "${v%%.*}"
}

# Java for Kafka (17+): DRIFTLINE_JAVA_HOME, else JAVA_HOME, else `java` on the PATH.
find_kafka_java() {
  local c
  for c in ${DRIFTLINE_JAVA_HOME:+"${DRIFTLINE_JAVA_HOME}/bin/java"} \
    ${JAVA_HOME:+"${JAVA_HOME}/bin/java"} "$(command -v java || true)"; do
    [[ -n "${c}" && -x "${c}" ]] || continue
    local m
    m="$(java_major "${c}")"
    if [[ -n "${m}" && "${m}" -ge 17 ]]; then
      printf '%s' "${c}"
      return 0
    fi
  done
  return 1
}

# Java for Apicurio 3.3.x (compiled for release 21): DRIFTLINE_JAVA21_HOME, else Temurin 25,
# else any JDK >= 21 under /usr/lib/jvm, else JAVA_HOME / PATH if they are >= 21.
find_registry_java() {
  local c m
  for c in ${DRIFTLINE_JAVA21_HOME:+"${DRIFTLINE_JAVA21_HOME}/bin/java"} \
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*/bin/java \
    ${JAVA_HOME:+"${JAVA_HOME}/bin/java"} "$(command -v java || true)"; do
    [[ -n "${c}" && -x "${c}" ]] || continue
    m="$(java_major "${c}")"
    if [[ -n "${m}" && "${m}" -ge 21 ]]; then
      printf '%s' "${c}"
      return 0
    fi
  done
  return 1
}

# ---------------------------------------------------------------- prerequisites

KAFKA_JAVA=""
REGISTRY_JAVA=""

install_redis() {
  log "redis-server not found: installing Debian's redis-server package"
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || return 1
    sudo="sudo"
  fi
  ${sudo} apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive ${sudo} apt-get install -y -qq redis-server >&2
  # The package's systemd unit may start a system Redis on 6379; the stack runs its own.
}

check_prerequisites() {
  local missing=()
  KAFKA_JAVA="$(find_kafka_java)" || missing+=("Java 17+ for Kafka (install openjdk-17-jre-headless or set DRIFTLINE_JAVA_HOME)")
  REGISTRY_JAVA="$(find_registry_java)" ||
    missing+=("Java 21+ for Apicurio Registry ${APICURIO_VERSION} (install a JDK >= 21 or set DRIFTLINE_JAVA21_HOME)")
  command -v mvn >/dev/null || missing+=("mvn (Maven 3.6+, to resolve Kafka and Apicurio from Maven Central)")
  command -v tar >/dev/null || missing+=("tar")
  command -v setsid >/dev/null || missing+=("setsid (util-linux)")
  command -v flock >/dev/null || missing+=("flock (util-linux)")
  command -v timeout >/dev/null || missing+=("timeout (coreutils)")
  command -v openssl >/dev/null || missing+=("openssl (certificates of the Kafka TLS listener)")
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    install_redis || true
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null ||
      missing+=("redis-server/redis-cli (apt-get install -y redis-server failed; install it by hand)")
  fi
  if ((${#missing[@]})); then
    printf '[stack] ERROR: missing prerequisites:\n' >&2
    printf '[stack]   - %s\n' "${missing[@]}" >&2
    exit 1
  fi
}

check_port_free() { # check_port_free <component> <port>
  if port_open "$2"; then
    die "$1: port 127.0.0.1:$2 is already in use by a process this script did not start
        (see: ss -ltnp 'sport = :$2'). Stop it or choose another port (see deploy/local/README.md)."
  fi
}

# ---------------------------------------------------------------- Kafka

kafka_version() { sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "${SCRIPT_DIR}/kafka/pom.xml"; }

kafka_ready() {
  pid_is "$(read_pid "${KAFKA_PID}")" kafka &&
    grep -qF "${KAFKA_STARTED_MESSAGE}" "${KAFKA_LOG}" 2>/dev/null &&
    port_open "${KAFKA_PORT}"
}

kafka_resolve_libs() {
  local pom="${SCRIPT_DIR}/kafka/pom.xml" stamp want
  want="$(sha256sum "${pom}" | cut -d' ' -f1)"
  stamp="${KAFKA_LIBS}/.pom.sha256"
  if [[ -f "${stamp}" && "$(cat "${stamp}")" == "${want}" ]]; then
    return 0
  fi
  log "kafka: resolving broker jars from Maven Central (first run only) -> ${KAFKA_LIBS}"
  local tmp="${KAFKA_LIBS}.tmp.$$" t0
  t0="$(now_ms)"
  rm -rf "${tmp}"
  mkdir -p "${tmp}"
  if ! mvn -B -q -f "${pom}" "${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="${tmp}" >"${LOG_DIR}/kafka-resolve.log" 2>&1; then
    rm -rf "${tmp}"
    fail_component kafka "${LOG_DIR}/kafka-resolve.log" "mvn copy-dependencies failed"
  fi
  rm -rf "${KAFKA_LIBS}"
  mv "${tmp}" "${KAFKA_LIBS}"
  printf '%s\n' "${want}" >"${stamp}"
  log "kafka: $(find "${KAFKA_LIBS}" -name '*.jar' | wc -l) jars resolved in $(elapsed "${t0}")"
}

kafka_render_config() {
  local conf="${KAFKA_DIR}/server.properties"
  sed -e "s|@KAFKA_PORT@|${KAFKA_PORT}|g" \
    -e "s|@KAFKA_CONTROLLER_PORT@|${KAFKA_CONTROLLER_PORT}|g" \
    -e "s|@KAFKA_SASL_PORT@|${KAFKA_SASL_PORT}|g" \
    -e "s|@KAFKA_TLS_PORT@|${KAFKA_TLS_PORT}|g" \
    -e "s|@KAFKA_TLS_DIR@|${KAFKA_TLS_DIR}|g" \
    -e "s|@KAFKA_LOG_DIR@|${KAFKA_DIR}/log|g" \
    "${SCRIPT_DIR}/kafka/server.properties" >"${conf}"
}

# The TLS listener's certificates, made once per storage: a CA, the broker's certificate for
# 127.0.0.1 (key and chain in one PEM, as Kafka's PEM keystore wants) and a client certificate.
kafka_tls_certificates() {
  [[ -f "${KAFKA_TLS_DIR}/broker.pem" && -f "${KAFKA_TLS_DIR}/client.key" ]] && return 0
  local dir="${KAFKA_TLS_DIR}.tmp.$$" log="${LOG_DIR}/kafka-tls.log"
  rm -rf "${dir}"
  mkdir -p "${dir}"
  if ! (
    cd "${dir}" &&
      openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj '/CN=driftline local stack CA' &&
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >broker.ext &&
      openssl req -newkey rsa:2048 -nodes -keyout broker.key -out broker.csr -subj '/CN=127.0.0.1' &&
      openssl x509 -req -in broker.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out broker.crt -days 3650 -extfile broker.ext &&
      printf 'extendedKeyUsage=clientAuth\n' >client.ext &&
      openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj '/CN=driftline' &&
      openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 3650 -extfile client.ext &&
      cat broker.key broker.crt ca.crt >broker.pem
  ) >"${log}" 2>&1; then
    rm -rf "${dir}"
    fail_component kafka "${log}" "openssl could not make the TLS listener's certificates"
  fi
  rm -rf "${KAFKA_TLS_DIR}"
  mv "${dir}" "${KAFKA_TLS_DIR}"
}

# Base64url Kafka Uuid from 16 random bytes; like Uuid.randomUuid(), re-roll ids starting
# with '-' (they break CLI parsing). Saves one JVM start over `StorageTool random-uuid`.
kafka_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "${id}" != -* ]] && break
  done
  printf '%s' "${id}"
}

kafka_format_if_needed() {
  local stamp="${KAFKA_DIR}/.formatted"
  if [[ -f "${KAFKA_DIR}/log/meta.properties" && -f "${stamp}" ]]; then
    # --standalone records the controller endpoint in the bootstrap checkpoint; a different
    # controller port afterwards would leave the quorum unable to find its only voter.
    local was
    was="$(sed -n 's/^controller_port=//p' "${stamp}")"
    if [[ "${was}" != "${KAFKA_CONTROLLER_PORT}" ]]; then
      die "kafka: storage in ${KAFKA_DIR} was formatted for controller port ${was}, not ${KAFKA_CONTROLLER_PORT}.
        Run 'bash deploy/local/stack.sh down --purge' (deletes topic data) or restore KAFKA_CONTROLLER_PORT=${was}."
    fi
    return 0
  fi
  local id t0
  id="$(kafka_cluster_id)"
  t0="$(now_ms)"
  rm -rf "${KAFKA_DIR}/log"
  log "kafka: formatting storage (first start): cluster id ${id}"
  if ! "${KAFKA_JAVA}" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="${SCRIPT_DIR}/kafka/log4j2.properties" \
    -cp "${KAFKA_LIBS}/*" kafka.tools.StorageTool format --standalone \
    --add-scram 'SCRAM-SHA-256=[name=driftline,password=driftline-local]' \
    --add-scram 'SCRAM-SHA-512=[name=driftline,password=driftline-local]' \
    --cluster-id="${id}" -c "${KAFKA_DIR}/server.properties" >"${LOG_DIR}/kafka-format.log" 2>&1; then
    fail_component kafka "${LOG_DIR}/kafka-format.log" "kafka.tools.StorageTool format failed"
  fi
  printf 'cluster_id=%s\ncontroller_port=%s\nscram=1\n' "${id}" "${KAFKA_CONTROLLER_PORT}" >"${stamp}"
  log "kafka: formatted in $(elapsed "${t0}")"
}

kafka_running() { # true (and says so) when our broker is already up; then `up` leaves it alone
  local pid
  pid="$(read_pid "${KAFKA_PID}")"
  pid_is "${pid}" kafka || return 1
  check_same_port kafka "${pid}" "${KAFKA_PORT}" KAFKA_PORT
  if kafka_ready; then
    log "kafka: already running (pid ${pid}) and ready on 127.0.0.1:${KAFKA_PORT}"
  else
    log "kafka: already running (pid ${pid}), waiting for readiness"
  fi
}

kafka_prepare() { # everything slow that is not the broker itself: jars, config, format
  rm -f "${KAFKA_PID}"
  check_port_free kafka "${KAFKA_PORT}"
  check_port_free kafka "${KAFKA_CONTROLLER_PORT}"
  check_port_free kafka "${KAFKA_SASL_PORT}"
  check_port_free kafka "${KAFKA_TLS_PORT}"
  mkdir -p "${KAFKA_DIR}"
  kafka_resolve_libs
  kafka_render_config
  kafka_format_if_needed
  kafka_tls_certificates
}

kafka_launch() {
  rotate_log "${KAFKA_LOG}"
  printf '%s\n' "${KAFKA_PORT}" >"${RUN_DIR}/kafka.port"
  KAFKA_T0="$(now_ms)"
  KAFKA_SEC="${SECONDS}"
  log "kafka: starting Apache Kafka $(kafka_version) on 127.0.0.1:${KAFKA_PORT} (controller ${KAFKA_CONTROLLER_PORT})"
  # shellcheck disable=SC2086  # KAFKA_JVM_OPTS is a list of flags
  launch "${KAFKA_PID}" "${KAFKA_DIR}" "${KAFKA_LOG}" \
    "${KAFKA_JAVA}" -Ddriftline.stack=kafka ${KAFKA_JVM_OPTS} \
    -Dlog4j2.configurationFile="${SCRIPT_DIR}/kafka/log4j2.properties" \
    -Dkafka.logs.dir="${LOG_DIR}" \
    -cp "${KAFKA_LIBS}/*" kafka.Kafka "${KAFKA_DIR}/server.properties"
}


# ---------------------------------------------------------------- Apicurio Registry

registry_url() { printf 'http://127.0.0.1:%s/apis/ccompat/v7' "${REGISTRY_PORT}"; }

registry_ready() {
  pid_is "$(read_pid "${REGISTRY_PID}")" registry || return 1
  local body
  body="$(http_get "${REGISTRY_PORT}" /apis/ccompat/v7/subjects)" || return 1
  [[ "${body}" == \[* ]]
}

registry_find_runner() {
  find "${REGISTRY_HOME}" -maxdepth 3 \( -name quarkus-run.jar -o -name '*-runner.jar' \) -print 2>/dev/null |
    sort | head -n1
}

registry_fetch() {
  if [[ -f "${REGISTRY_HOME}/.complete" && -n "$(registry_find_runner)" ]]; then
    return 0
  fi
  local tmp="${REGISTRY_HOME}.tmp.$$" t0
  t0="$(now_ms)"
  log "registry: fetching io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all (first run only; ~160 MB)"
  rm -rf "${tmp}"
  mkdir -p "${tmp}"
  if ! mvn -B -q "${MAVEN_DEPENDENCY_PLUGIN}:copy" \
    -Dartifact="io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all" \
    -DoutputDirectory="${tmp}" >"${LOG_DIR}/registry-fetch.log" 2>&1; then
    rm -rf "${tmp}"
    fail_component registry "${LOG_DIR}/registry-fetch.log" \
      "mvn could not fetch apicurio-registry-app ${APICURIO_VERSION} (is that version on Maven Central? try APICURIO_VERSION=3.3.3)"
  fi
  local tarball="${tmp}/apicurio-registry-app-${APICURIO_VERSION}-all.tar.gz"
  tar -xzf "${tarball}" -C "${tmp}" || {
    rm -rf "${tmp}"
    die "registry: could not extract ${tarball}"
  }
  rm -f "${tarball}" # Maven's ~/.m2 keeps the archive; the cache keeps only the extracted app
  rm -rf "${REGISTRY_HOME}"
  mv "${tmp}" "${REGISTRY_HOME}"
  [[ -n "$(registry_find_runner)" ]] || die "registry: no quarkus-run.jar or *-runner.jar in ${REGISTRY_HOME}"
  touch "${REGISTRY_HOME}/.complete"
  log "registry: extracted to ${REGISTRY_HOME} in $(elapsed "${t0}")"
}

registry_running() {
  local pid
  pid="$(read_pid "${REGISTRY_PID}")"
  pid_is "${pid}" registry || return 1
  check_same_port registry "${pid}" "${REGISTRY_PORT}" REGISTRY_PORT
  if registry_ready; then
    log "registry: already running (pid ${pid}) and ready on 127.0.0.1:${REGISTRY_PORT}"
  else
    log "registry: already running (pid ${pid}), waiting for readiness"
  fi
}

registry_prepare() {
  rm -f "${REGISTRY_PID}"
  check_port_free registry "${REGISTRY_PORT}"
  check_port_free registry "${REGISTRY_MANAGEMENT_PORT}"
  registry_fetch
}

registry_launch() {
  local runner
  runner="$(registry_find_runner)"
  mkdir -p "${REGISTRY_DIR}"
  rotate_log "${REGISTRY_LOG}"
  printf '%s\n' "${REGISTRY_PORT}" >"${RUN_DIR}/registry.port"
  REGISTRY_T0="$(now_ms)"
  REGISTRY_SEC="${SECONDS}"
  log "registry: starting Apicurio Registry ${APICURIO_VERSION} on 127.0.0.1:${REGISTRY_PORT} (management ${REGISTRY_MANAGEMENT_PORT}, $("${REGISTRY_JAVA}" -version 2>&1 | head -n1))"
  # In-memory H2 storage (the default): schemas are lost on restart.
  # apicurio.rules.global.compatibility=BACKWARD is required by @kafkajs/confluent-schema-registry
  # (reference/kafka-local.md §3.3: GET /config/{subject} never answers 404 on Apicurio).
  # shellcheck disable=SC2086  # REGISTRY_JVM_OPTS is a list of flags
  launch "${REGISTRY_PID}" "${REGISTRY_DIR}" "${REGISTRY_LOG}" \
    "${REGISTRY_JAVA}" -Ddriftline.stack=registry ${REGISTRY_JVM_OPTS} \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="${REGISTRY_PORT}" \
    -Dquarkus.management.enabled=true \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="${REGISTRY_MANAGEMENT_PORT}" \
    -Dapicurio.rules.global.compatibility=BACKWARD \
    -jar "${runner}"
}


# ---------------------------------------------------------------- Redis


redis_ready() {
  pid_is "$(read_pid "${REDIS_PID}")" redis &&
    [[ "$(timeout 2 redis-cli -h 127.0.0.1 -p "${REDIS_PORT}" ping 2>/dev/null)" == "PONG" ]]
}

redis_running() {
  local pid
  pid="$(read_pid "${REDIS_PID}")"
  pid_is "${pid}" redis || return 1
  check_same_port redis "${pid}" "${REDIS_PORT}" REDIS_PORT
  if redis_ready; then
    log "redis: already running (pid ${pid}) and ready on 127.0.0.1:${REDIS_PORT}"
  else
    log "redis: already running (pid ${pid}), waiting for readiness"
  fi
}

redis_prepare() {
  rm -f "${REDIS_PID}"
  check_port_free redis "${REDIS_PORT}"
  mkdir -p "${REDIS_DIR}"
}

redis_launch() {
  rotate_log "${REDIS_LOG}"
  printf '%s\n' "${REDIS_PORT}" >"${RUN_DIR}/redis.port"
  REDIS_T0="$(now_ms)"
  REDIS_SEC="${SECONDS}"
  log "redis: starting $(redis-server --version | cut -d' ' -f1-3) on 127.0.0.1:${REDIS_PORT}"
  # redis.conf holds the fixed settings (loopback, no persistence); the rest comes from here.
  # --daemonize yes forks into the background and detaches from the calling shell.
  (cd "${REDIS_DIR}" && setsid redis-server "${SCRIPT_DIR}/redis.conf" \
    --bind 127.0.0.1 --port "${REDIS_PORT}" --save "" --appendonly no \
    --daemonize yes --pidfile "${REDIS_PID}" --logfile "${REDIS_LOG}" --dir "${REDIS_DIR}" 9>&-) ||
    fail_component redis "${REDIS_LOG}" "redis-server refused to start"
  wait_pid_file "${REDIS_PID}"
}


# ---------------------------------------------------------------- waiting

# wait_all: polls every component until it is ready, concurrently, so each one's start time
# is measured from its own launch. Fails fast, naming the log, when a process dies or a
# component misses its deadline (KAFKA_READY_TIMEOUT, REGISTRY_READY_TIMEOUT, REDIS_READY_TIMEOUT).
wait_all() {
  local -A ready_now=()
  # Deadlines count from each component's launch (or from now if it was already running).
  local kafka_deadline=$((${KAFKA_SEC:-${SECONDS}} + KAFKA_READY_TIMEOUT))
  local registry_deadline=$((${REGISTRY_SEC:-${SECONDS}} + REGISTRY_READY_TIMEOUT))
  local redis_deadline=$((${REDIS_SEC:-${SECONDS}} + REDIS_READY_TIMEOUT))
  while ((${#ready_now[@]} < 3)); do
    [[ -n "${ready_now[redis]:-}" ]] || poll_component redis redis_ready "${REDIS_T0:-}" "${REDIS_PID}" "${REDIS_LOG}" \
      "${redis_deadline}" "not ready after ${REDIS_READY_TIMEOUT}s (redis-cli -p ${REDIS_PORT} ping)"
    [[ -n "${ready_now[kafka]:-}" ]] || poll_component kafka kafka_ready "${KAFKA_T0:-}" "${KAFKA_PID}" "${KAFKA_LOG}" \
      "${kafka_deadline}" "not ready after ${KAFKA_READY_TIMEOUT}s (waiting for '${KAFKA_STARTED_MESSAGE}' and port ${KAFKA_PORT})"
    [[ -n "${ready_now[registry]:-}" ]] || poll_component registry registry_ready "${REGISTRY_T0:-}" "${REGISTRY_PID}" "${REGISTRY_LOG}" \
      "${registry_deadline}" "not ready after ${REGISTRY_READY_TIMEOUT}s (GET $(registry_url)/subjects)"
    if ((${#ready_now[@]} < 3)); then sleep 0.2; fi
  done
  return 0
}

# poll_component NAME READY_FN T0 PIDFILE LOG DEADLINE TIMEOUT_MESSAGE: one readiness check of a
# component, for wait_all (whose ready_now it updates). Fails, naming the log, when the process
# died or the deadline passed. Redis writes its own pid file after daemonising, so a missing
# Redis pid is not yet a death.
poll_component() {
  local name=$1 ready_fn=$2 t0=$3 pidfile=$4 logfile=$5 deadline=$6 timeout_message=$7 pid
  if "${ready_fn}"; then
    ready_now[${name}]=1
    if [[ -n "${t0}" ]]; then log "${name}: ready in $(elapsed "${t0}") (pid $(read_pid "${pidfile}"))"; fi
    return 0
  fi
  pid="$(read_pid "${pidfile}")"
  if [[ -n "${pid}" || "${name}" != redis ]] && ! pid_is "${pid}" "${name}"; then
    fail_component "${name}" "${logfile}" "process exited during start"
  fi
  ((SECONDS < deadline)) || fail_component "${name}" "${logfile}" "${timeout_message}"
}

# ---------------------------------------------------------------- process control

# launch <pidfile> <workdir> <logfile> <command...>: runs the command detached (setsid +
# nohup) so it outlives the calling shell, since tests reuse a running stack. The pid file holds
# the command's own pid (bash writes $$, then execs). `9>&-` keeps the stack lock out of it.
launch() {
  local pidfile="$1" workdir="$2" logfile="$3"
  shift 3
  rm -f "${pidfile}"
  # shellcheck disable=SC2016  # expanded by the inner bash
  setsid nohup bash -c 'cd "$1" || exit 1; echo $$ >"$0"; shift; exec "$@"' \
    "${pidfile}" "${workdir}" "$@" >"${logfile}" 2>&1 </dev/null 9>&- &
  wait_pid_file "${pidfile}"
}

wait_pid_file() { # wait_pid_file <file>: the launcher writes it right after the fork
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$1" ]] && return 0
    sleep 0.1
  done
  die "no pid file $1 after 5s"
}

stop_component() { # stop_component <component> <pidfile>
  local name="$1" pidfile="$2" pid i
  pid="$(read_pid "${pidfile}")"
  if ! pid_is "${pid}" "${name}"; then
    if [[ -n "${pid}" ]]; then log "${name}: not running (stale pid file removed)"; else log "${name}: not running"; fi
    rm -f "${pidfile}" "${RUN_DIR}/${name}.port"
    return 0
  fi
  log "${name}: stopping pid ${pid} (TERM)"
  kill -TERM "${pid}" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    pid_is "${pid}" "${name}" || break
    sleep 0.1
  done
  if pid_is "${pid}" "${name}"; then
    log "${name}: still alive after ${STOP_TIMEOUT}s, sending KILL"
    kill -KILL "${pid}" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "${pidfile}" "${RUN_DIR}/${name}.port"
  log "${name}: stopped"
}

write_env() {
  mkdir -p "${STACK_DIR}"
  {
    printf 'KAFKA_BROKERS=127.0.0.1:%s\n' "${KAFKA_PORT}"
    printf 'SCHEMA_REGISTRY_URL=%s\n' "$(registry_url)"
    printf 'REDIS_URL=redis://127.0.0.1:%s\n' "${REDIS_PORT}"
    # A SASL listener of the same broker (user driftline, password driftline-local): PLAIN, and
    # SCRAM when the storage was formatted with its credentials (stacks formatted before lack them).
    printf 'KAFKA_SASL_BROKERS=127.0.0.1:%s\n' "${KAFKA_SASL_PORT}"
    if grep -qx 'scram=1' "${KAFKA_DIR}/.formatted" 2>/dev/null; then
      printf 'KAFKA_SASL_LISTENER_MECHANISMS=plain,scram-sha-256,scram-sha-512\n'
    else
      printf 'KAFKA_SASL_LISTENER_MECHANISMS=plain\n'
    fi
    # A TLS listener that requires a client certificate; its CA, client certificate and key are
    # ca.crt, client.crt and client.key in KAFKA_TLS_LISTENER_DIR (names that services do not read).
    # A broker started before the listener existed has no certificates yet: then neither is written.
    if [[ -f "${KAFKA_TLS_DIR}/broker.pem" ]]; then
      printf 'KAFKA_TLS_BROKERS=127.0.0.1:%s\n' "${KAFKA_TLS_PORT}"
      printf 'KAFKA_TLS_LISTENER_DIR=%s\n' "${KAFKA_TLS_DIR}"
    fi
  } >"${ENV_FILE}.tmp"
  mv -f "${ENV_FILE}.tmp" "${ENV_FILE}"
}

# Serialise concurrent up/down (e.g. parallel test runs calling `up`). Every launched process
# gets `9>&-`, so the daemons never inherit (and hold) the lock.
lock_stack() {
  mkdir -p "${RUN_DIR}"
  local lock="${RUN_DIR}/stack.lock"
  exec 9>"${lock}"
  if ! flock -n 9; then
    log "another stack.sh up/down is running; waiting for ${lock} (up to 300s)"
    flock -w 300 9 || die "another stack.sh held ${lock} for more than 300s"
  fi
}

# ---------------------------------------------------------------- commands

cmd_up() {
  check_prerequisites
  lock_stack
  mkdir -p "${DATA_DIR}" "${LOG_DIR}" "${RUN_DIR}" "${CACHE_DIR}"
  local t0
  t0="$(now_ms)"
  local start_kafka=0 start_registry=0 start_redis=0
  kafka_running || start_kafka=1
  registry_running || start_registry=1
  redis_running || start_redis=1
  # Downloads and the Kafka format first, then launch everything at once: the JVMs boot in
  # parallel and each start time is measured from its own launch.
  if ((start_kafka)); then kafka_prepare; fi
  if ((start_registry)); then registry_prepare; fi
  if ((start_redis)); then redis_prepare; fi
  if ((start_kafka)); then kafka_launch; fi
  if ((start_registry)); then registry_launch; fi
  if ((start_redis)); then redis_launch; fi
  wait_all
  write_env
  log "all ready in $(elapsed "${t0}"); env written to ${ENV_FILE}"
  cat "${ENV_FILE}"
}

cmd_down() {
  local purge=0 arg
  for arg in "$@"; do
    case "${arg}" in
    --purge) purge=1 ;;
    *) die "down: unknown option ${arg} (expected --purge)" ;;
    esac
  done
  lock_stack
  stop_component registry "${REGISTRY_PID}"
  stop_component kafka "${KAFKA_PID}"
  stop_component redis "${REDIS_PID}"
  rm -f "${ENV_FILE}"
  if ((purge)); then
    rm -rf "${DATA_DIR}"
    log "purged ${DATA_DIR} (cache kept in ${CACHE_DIR})"
  fi
}

status_line() { # status_line <component> <pidfile> <component> <port> <ready-fn>
  local pid state
  pid="$(read_pid "$2")"
  if ! pid_is "${pid}" "$3"; then
    pid="-"
    if port_open "$4"; then
      state="not running (port $4 held by another process)"
    else
      state="not running"
    fi
  elif "$5"; then
    state="ready"
  else
    state="not ready"
  fi
  printf '%-9s pid=%-8s port=%-6s %s\n' "$1" "${pid}" "$4" "${state}"
  [[ "${state}" == "ready" ]]
}

cmd_status() {
  local ok=0
  status_line kafka "${KAFKA_PID}" kafka "${KAFKA_PORT}" kafka_ready || ok=1
  status_line registry "${REGISTRY_PID}" registry "${REGISTRY_PORT}" registry_ready || ok=1
  status_line redis "${REDIS_PID}" redis "${REDIS_PORT}" redis_ready || ok=1
  if ((ok == 0)) && [[ -f "${ENV_FILE}" ]]; then
    printf '\n'
    cat "${ENV_FILE}"
  fi
  return "${ok}"
}

usage() {
  cat >&2 <<EOF
usage: bash deploy/local/stack.sh <command>
  up               start Kafka, Apicurio Registry and Redis on 127.0.0.1 (no-op for running parts)
  down [--purge]   stop them; --purge also deletes ${DATA_DIR} (the download cache is kept)
  status           show each component; exit 0 only if all are ready
Ports (env): KAFKA_PORT=${KAFKA_PORT} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT} KAFKA_SASL_PORT=${KAFKA_SASL_PORT} KAFKA_TLS_PORT=${KAFKA_TLS_PORT}
             REGISTRY_PORT=${REGISTRY_PORT}
             REGISTRY_MANAGEMENT_PORT=${REGISTRY_MANAGEMENT_PORT} REDIS_PORT=${REDIS_PORT}
See deploy/local/README.md.
EOF
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "${cmd}" in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  status) cmd_status "$@" ;;
  -h | --help | help) usage ;;
  *)
    usage
    exit 2
    ;;
  esac
}

# Keep `exit` on the same line: bash reads scripts as it runs them, so this stops it from
# reading on if the file is replaced while a long `up` is running.
main "$@"; exit $?
