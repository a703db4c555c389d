#!/usr/bin/env bash
# internal/bench/goaccess.sh — GoAccess and iislog on the same generated
# IIS access log, in one run: lines per second for both.
#
#   bash internal/bench/goaccess.sh [size]     # default size 256MiB
#
# The log is written by internal/fixture/accessgen with the IIS 8 to 10
# default layout only (-layout iis8), the one GoAccess's W3C format reads
# (--log-format=W3C is that fixed column list; GoAccess does not follow
# #Fields). GoAccess is given --no-ip-validation, without which it rejects
# every zoned IPv6 address (about 5% of the generated lines); it still
# rejects the RPC_IN_DATA and other methods it does not know. Both tools read
# the whole file: GoAccess builds its report (to a JSON file) as it reads,
# iislog fills every typed field of every record and touches them. Each is
# run twice and the faster run counts, after a first read that warms the
# page cache.
#
# GoAccess comes from the distribution (apt-get install goaccess); without
# it, only iislog is measured. Nothing in CI runs this script. The
# generated file and GoAccess's output are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

size=${1:-256MiB}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/u_ex260307.log"

go build -o "$work/iislogmem" ./internal/tool/iislogmem
"$work/iislogmem" -generate "$size" -layout iis8 -q "$log" >/dev/null
lines=$(wc -l <"$log")
echo "input: $log, $(stat -c %s "$log") bytes, $lines lines (IIS 8+ default layout, CRLF)"
cat "$log" >/dev/null

best() { sort -n | head -1; }

# iislog
secs=$(for i in 1 2; do
	/usr/bin/time -f '%e' "$work/iislogmem" -q "$log" 2>&1 >/dev/null | tail -1
done | best)
echo "iislog:   $(awk -v l="$lines" -v s="$secs" 'BEGIN { printf "%.0f lines/s (%.2f s)", l/s, s }')"

# GoAccess
if command -v goaccess >/dev/null; then
	goaccess --version | head -1
	secs=$(for i in 1 2; do
		/usr/bin/time -f '%e' goaccess "$log" --log-format=W3C --no-ip-validation --no-progress \
			-o "$work/report.json" 2>&1 >/dev/null | tail -1
	done | best)
	goaccess "$log" --log-format=W3C --no-ip-validation --no-progress -o "$work/report.json" \
		--invalid-requests="$work/invalid.log" >/dev/null 2>&1 || true
	echo "goaccess: $(awk -v l="$lines" -v s="$secs" 'BEGIN { printf "%.0f lines/s (%.2f s)", l/s, s }'), $(wc -l <"$work/invalid.log") lines rejected"
else
	echo "goaccess: not installed (apt-get install goaccess), skipped"
fi
