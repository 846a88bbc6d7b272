# Sourced by ./kb test and .ci/run: makes sure MariaDB (127.0.0.1:3306) and Redis (127.0.0.1:6379) run.
# With CI=true a service that cannot be started is an error, never a silent skip.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  local i
  for i in $(seq 1 60); do port_open "$1" && return 0; sleep 0.5; done
  return 1
}
supportkb_services() {
  local failed=0
  if ! port_open 3306; then
    echo "MariaDB is down; starting it" >&2
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1 || true
    wait_port 3306 || { echo "MariaDB did not come up on 127.0.0.1:3306" >&2; failed=1; }
  fi
  if ! port_open 6379; then
    echo "Redis is down; starting it" >&2
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
    wait_port 6379 || { echo "Redis did not come up on 127.0.0.1:6379" >&2; failed=1; }
  fi
  if [ "$failed" -ne 0 ] && [ "${CI:-}" = "true" ]; then
    echo "CI=true: the tests need MariaDB and Redis; refusing to skip them" >&2
    return 1
  fi
  return 0
}
