#!/usr/bin/env bash
# A Docker daemon for the local build and the compose test, on machines where none runs.
#
#   deploy/docker-daemon.sh start   # a daemon that answers; installs and starts one if needed
#   deploy/docker-daemon.sh stop    # stops the daemon, only if `start` started it
#
# `start` leaves a running daemon alone. Otherwise (as root) it installs Debian's docker.io,
# docker-compose and debootstrap when missing and starts dockerd with no default bridge and no
# iptables rules: every container of this project runs on host networking, all its traffic on
# 127.0.0.1, and the host's network and firewall stay as they were. The pid of a daemon it started
# is kept in $FLOTILLA_DOCKERD_PID_FILE; `stop` stops that process and nothing else.
set -euo pipefail

pid_file=${FLOTILLA_DOCKERD_PID_FILE:-/run/flotilla-dockerd.pid}
log_file=${FLOTILLA_DOCKERD_LOG:-/var/log/flotilla-dockerd.log}

answers() { docker info >/dev/null 2>&1; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if ((${#missing[@]})); then
    echo "docker-daemon: installing ${missing[*]} ..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start() {
  if answers; then
    echo "docker-daemon: a daemon already answers; using it" >&2
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "docker-daemon: no Docker daemon answers, and starting one needs root" >&2
    return 1
  fi
  install_packages
  echo "docker-daemon: starting dockerd (log: $log_file) ..." >&2
  # Its own session: the daemon outlives this script until `stop`, and no signal meant for the
  # caller's terminal reaches it.
  setsid dockerd --bridge=none --iptables=false >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  for _ in $(seq 1 60); do
    if answers; then
      return 0
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      rm -f "$pid_file"
      echo "docker-daemon: dockerd exited at start; the end of $log_file:" >&2
      tail -20 "$log_file" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "docker-daemon: dockerd did not answer within 30 s (see $log_file)" >&2
  return 1
}

stop() {
  if [ ! -f "$pid_file" ]; then
    echo "docker-daemon: no daemon started by this script; nothing to stop" >&2
    return 0
  fi
  local pid
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    echo "docker-daemon: stopping dockerd (pid $pid) ..." >&2
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "docker-daemon: dockerd (pid $pid) still runs after 30 s; killing it" >&2
      kill -KILL "$pid"
    fi
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
