#!/usr/bin/env bash
# .bench/iisreport.sh — throughput of iisreport with -j 1 and -j 2, and of
# GoAccess, on the same generated IIS access log: 1 GiB (BENCH_BYTES) in 8
# rotated files (BENCH_FILES) of internal/fixture/accessgen output, written
# to a temporary folder and deleted afterwards. GoAccess is run only when
# it is installed (apt-get install goaccess); CI does not run this script.
#
#	bash .bench/iisreport.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bytes=${BENCH_BYTES:-1073741824}
files=${BENCH_FILES:-8}
work=$(mktemp -d "${TMPDIR:-/tmp}/iisreport-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/iisreport" ./cmd/iisreport
echo "generating $bytes bytes in $files rotated files (accessgen) ..."
lines=$(go run ./internal/tool/benchlogs -dir "$work/logs/W3SVC1" -bytes "$bytes" -files "$files")
size=$(du -sb "$work/logs" | cut -f1)
echo "$lines lines, $size bytes"
cat "$work"/logs/W3SVC1/* >/dev/null # into the page cache, for every run alike

# run NAME COMMAND...: time one run, print lines/s and peak RSS.
run() {
	local name=$1
	shift
	local t0 t1 rss=""
	t0=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/$name.out" 2>"$work/$name.err"
		rss=$(tail -n 1 "$work/rss")
	else
		"$@" >"$work/$name.out" 2>"$work/$name.err"
	fi
	t1=$(date +%s.%N)
	awk -v n="$name" -v l="$lines" -v a="$t0" -v b="$t1" -v r="$rss" -v s="$size" 'BEGIN {
		d = b - a
		printf "%-14s %7.2f s  %9.0f lines/s  %7.1f MiB/s", n, d, l / d, s / d / 1048576
		if (r != "") printf "  peak RSS %6.1f MiB", r / 1024
		printf "\n"
	}'
}

echo
echo "cores: $(nproc), GOMAXPROCS default; $(go version)"
for round in 1 2; do
	run "iisreport -j 1" "$work/iisreport" -j 1 -json "$work/logs"
	run "iisreport -j 2" "$work/iisreport" -j 2 -json "$work/logs"
	cmp -s "$work/iisreport -j 1.out" "$work/iisreport -j 2.out" || { echo "-j 1 and -j 2 reports differ"; exit 1; }
	if command -v goaccess >/dev/null 2>&1; then
		run "goaccess" goaccess --no-global-config --log-format=W3C --date-format=%Y-%m-%d --time-format=%T \
			-o "$work/goaccess.json" "$work"/logs/W3SVC1/u_ex260307.log.* "$work"/logs/W3SVC1/u_ex260307.log
	else
		echo "goaccess not installed; skipped (apt-get install goaccess)"
	fi
done
if [ -f "$work/goaccess.json" ]; then
	grep -o '"total_requests": [0-9]*\|"valid_requests": [0-9]*\|"failed_requests": [0-9]*' "$work/goaccess.json" | head -3 | tr '\n' ' '
	echo "(goaccess's own count of the same lines)"
fi
