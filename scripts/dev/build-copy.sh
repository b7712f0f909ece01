#!/usr/bin/env bash
# Builds a copy of this site in a temp folder, so that several builds (a
# developer's, a test's, a benchmark's) never share .docusaurus/ or build/.
# Usage: scripts/dev/build-copy.sh OUT_DIR [docusaurus build flags…]
#        scripts/dev/build-copy.sh OUT_DIR --parts   (the site as parts, merged: deploy/run-parts.ts all)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:?usage: build-copy.sh OUT_DIR}")"; shift
work="$(mktemp -d /tmp/kb-build.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tar -C "$root" --exclude=./node_modules --exclude=./build --exclude=./build-parts --exclude=./.docusaurus --exclude=./.git -cf - . | tar -C "$work" -xf -
ln -s "$root/node_modules" "$work/node_modules"
cd "$work"
if [ "${1:-}" = "--parts" ]; then
  npx tsx deploy/run-parts.ts all --parts-dir "$work/build-parts" --out "$out"
  exit 0
fi
npx docusaurus build --out-dir "$out" "$@"
# What `npm run build` does next: precompressed copies and the CSP hash file nginx needs (deploy/prepare.ts).
npx tsx deploy/run-prepare.ts "$out"
