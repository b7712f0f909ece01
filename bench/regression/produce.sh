#!/usr/bin/env bash
# Produces the committed series in bench/regression/series/ (see its README).
# Needs hyperfine (Debian: apt-get install -y hyperfine) and autocannon
# (AUTOCANNON=path/to/autocannon, e.g. from `npm install autocannon@8.0.0`
# in a scratch directory). Only 127.0.0.1 is used. The bench itself only
# replays the committed files and needs neither tool.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."  # node --import tsx resolves tsx from the repository
out="${1:-$here/series}"
AUTOCANNON="${AUTOCANNON:-autocannon}"
AA_RUNS="${AA_RUNS:-30}"
AB_RUNS="${AB_RUNS:-12}"
# Rounds taken during "noisy minutes": two CPU burners (another job on the same
# 2-core runner) run for the whole round. Empty = whatever the machine's own load is.
NOISY_ROUNDS="${NOISY_ROUNDS:-}"
scratch="$(mktemp -d)"
burners=()
stop_burners() {
  if ((${#burners[@]})); then
    kill "${burners[@]}" 2>/dev/null || true
    wait "${burners[@]}" 2>/dev/null || true
  fi
  burners=()
}
trap 'stop_burners; rm -rf "$scratch"' EXIT

# hyperfine workload: sha256sum of a 48 MiB file; "slower" = file scaled by the factor.
for f in 1.00 1.10 1.15 1.30; do
  head -c "$(awk -v f="$f" 'BEGIN { printf "%d", 48 * 1048576 * f }')" /dev/zero >"$scratch/blob-$f"
done

name_of() { case "$1" in 1.00) echo aa ;; 1.10) echo ab-10 ;; 1.15) echo ab-15 ;; 1.30) echo ab-30 ;; esac; }

# kb's calibration workload, timed right after each run (as `kb ingest` does): NN.calibration.json.
calibrate() { node --import tsx "$here/calibrate.ts" >"$1"; }

hyperfine_run() { # factor index
  local dir="$out/hyperfine/$(name_of "$1")"
  mkdir -p "$dir"
  hyperfine -N --warmup 1 --runs 10 --command-name sha256sum-48MiB --style none \
    --export-json "$dir/$(printf %02d "$2").json" "sha256sum $scratch/blob-$1" >/dev/null
  calibrate "$dir/$(printf %02d "$2").calibration.json"
}

autocannon_run() { # factor index
  local dir="$out/autocannon/$(name_of "$1")"
  mkdir -p "$dir"
  local port=18437
  KB_REGRESSION_FACTOR="$1" PORT="$port" node "$here/server.mjs" >"$scratch/port" &
  local pid=$!
  for _ in $(seq 50); do [ -s "$scratch/port" ] && break; sleep 0.1; done
  "$AUTOCANNON" -j -c 8 -d 3 "http://127.0.0.1:$port/" >"$dir/$(printf %02d "$2").json" 2>/dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true
  : >"$scratch/port"
  calibrate "$dir/$(printf %02d "$2").calibration.json"
}

# Rounds interleave A and B so every series sees the same noisy minutes.
for i in $(seq "$AA_RUNS"); do
  if [[ " $NOISY_ROUNDS " == *" $i "* ]]; then
    for _ in 1 2; do node -e 'for (;;) {}' & burners+=($!); done
  fi
  for tool in hyperfine_run autocannon_run; do
    "$tool" 1.00 "$i"
    if [ "$i" -le "$AB_RUNS" ]; then
      for f in 1.10 1.15 1.30; do "$tool" "$f" "$i"; done
    fi
  done
  stop_burners
  echo "round $i done $(date -u +%H:%M:%S) (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
