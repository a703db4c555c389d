#!/usr/bin/env bash
# internal/bench/run.sh — the figures of issue 7, in one run:
#
#   1. BenchmarkCompare of iislog and of errlog, side by side (floor,
#      the reader, the obvious code, a grok-style regexp; MB/s, ns/line,
#      allocs/line), -count ${COUNT:-5};
#   2. the peak RSS of reading a 1 GiB generated access log
#      (/usr/bin/time -v, "Maximum resident set size");
#   3. GoAccess and iislog on the same generated file (goaccess.sh).
#
#   bash internal/bench/run.sh
#
# Benchmarks taken while the machine is busy are noisy: compare figures
# from one run only. The 1 GiB file is written to ${TMPDIR:-/tmp} and
# deleted at the end. Nothing in CI runs this script.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "== BenchmarkCompare (iislog, then errlog)"
go test ./iislog ./errlog -run '^$' -bench Compare -benchmem -count "${COUNT:-5}"

echo
echo "== peak RSS reading a 1 GiB access log"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/iislogmem" ./internal/tool/iislogmem
"$work/iislogmem" -generate 1GiB -q "$work/u_ex-1g.log"
/usr/bin/time -v "$work/iislogmem" "$work/u_ex-1g.log" 2>"$work/time.txt"
grep -E "Maximum resident set size|Elapsed" "$work/time.txt"
rm -f "$work/u_ex-1g.log"

echo
echo "== GoAccess and iislog on the same file"
bash internal/bench/goaccess.sh "${GOACCESS_SIZE:-256MiB}"
