#!/usr/bin/env bash
# Sourced: start the bundled cluster emulator in the background and wait until
# its clusters answer. fractal_emulator_start <state-dir> [extra args...]

fractal_emulator_start() {
  local state_dir="$1"
  shift
  mkdir -p "$state_dir"
  if [ ! -f "$FRACTAL_ROOT/packages/cluster-emulator/demo.yaml" ]; then
    fractal_log "cluster emulator not available yet; starting without clusters"
    return 0
  fi
  fractal_log "starting the cluster emulator (state in $state_dir)"
  # Its CLI runs from TypeScript sources with the demo config; started as its
  # own process (not through yarn) so that stopping it stops the server.
  (cd "$FRACTAL_ROOT/packages/cluster-emulator" &&
    exec node bin/fractal-cluster-emulator.js --config demo.yaml --state-dir "$state_dir" "$@") \
    >"$state_dir/emulator.log" 2>&1 &
  FRACTAL_EMULATOR_PID=$!
  export FRACTAL_EMULATOR_PID
  local i
  for i in $(seq 1 120); do
    if [ -f "$state_dir/kubeconfig" ] && grep -q "ready" "$state_dir/emulator.log" 2>/dev/null; then
      fractal_log "cluster emulator ready; kubeconfig: $state_dir/kubeconfig"
      return 0
    fi
    if ! kill -0 "$FRACTAL_EMULATOR_PID" 2>/dev/null; then
      echo "cluster emulator exited; its log:" >&2
      cat "$state_dir/emulator.log" >&2
      return 1
    fi
    sleep 1
  done
  echo "cluster emulator did not become ready in 120 s; its log:" >&2
  tail -50 "$state_dir/emulator.log" >&2
  return 1
}

fractal_emulator_stop() {
  [ -n "${FRACTAL_EMULATOR_PID:-}" ] || return 0
  kill "$FRACTAL_EMULATOR_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do
    kill -0 "$FRACTAL_EMULATOR_PID" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$FRACTAL_EMULATOR_PID" 2>/dev/null || true
  wait "$FRACTAL_EMULATOR_PID" 2>/dev/null || true
  FRACTAL_EMULATOR_PID=
}
