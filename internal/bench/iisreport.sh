#!/usr/bin/env bash
# internal/bench/iisreport.sh — throughput of iisreport with -j 1 and -j 2,
# and of GoAccess, on the same generated IIS access log: 1 GiB (BENCH_BYTES)
# in 8 rotated files (BENCH_FILES) of internal/fixture/accessgen output,
# written to a temporary folder and deleted afterwards; BENCH_ROUNDS (3) runs
# of each, interleaved, and the best of each.
#
# The files are in the IIS 8 to 10 default layout (BENCH_LAYOUTS=default),
# the only one GoAccess's W3C format reads: it is a fixed column list, and
# GoAccess does not follow #Fields. BENCH_LAYOUTS=all gives accessgen's
# cycle of layouts, which iisreport reads whole and GoAccess only in part.
# GoAccess is given --no-ip-validation, without which it rejects every
# zoned IPv6 address. It is run only when it is installed (apt-get install
# goaccess); CI does not run this script.
#
#	bash internal/bench/iisreport.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

bytes=${BENCH_BYTES:-1073741824}
files=${BENCH_FILES:-8}
work=$(mktemp -d "${TMPDIR:-/tmp}/iisreport-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/iisreport" ./cmd/iisreport
echo "generating $bytes bytes in $files rotated files (accessgen) ..."
lines=$(go run ./internal/tool/benchlogs -dir "$work/logs/W3SVC1" -bytes "$bytes" -files "$files" -layouts "${BENCH_LAYOUTS:-default}")
size=$(du -sb "$work/logs" | cut -f1)
echo "$lines lines, $size bytes"
cat "$work"/logs/W3SVC1/* >/dev/null # into the page cache, for every run alike

# run NAME COMMAND...: time one run; print and keep its lines/s and peak RSS.
run() {
	local name=$1
	shift
	local t0 t1 rss=0
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
		printf "%-14s %7.2f s  %9.0f lines/s  %7.1f MiB/s  peak RSS %6.1f MiB\n", n, d, l / d, s / d / 1048576, r / 1024
	}' | tee -a "$work/results"
}

rounds=${BENCH_ROUNDS:-3}
echo
echo "cores: $(nproc); $(go version); load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "each tool $rounds times, interleaved; the best run of each at the end"
for round in $(seq "$rounds"); do
	run "iisreport -j 1" "$work/iisreport" -j 1 -json "$work/logs"
	run "iisreport -j 2" "$work/iisreport" -j 2 -json "$work/logs"
	cmp -s "$work/iisreport -j 1.out" "$work/iisreport -j 2.out" || { echo "-j 1 and -j 2 reports differ"; exit 1; }
	if command -v goaccess >/dev/null 2>&1; then
		run "goaccess" goaccess --no-global-config --no-ip-validation --log-format=W3C --date-format=%Y-%m-%d --time-format=%T \
			-o "$work/goaccess.json" "$work"/logs/W3SVC1/u_ex260307.log.* "$work"/logs/W3SVC1/u_ex260307.log
	elif [ "$round" = 1 ]; then
		echo "goaccess not installed; skipped (apt-get install goaccess)"
	fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo
echo "best of $rounds:"
awk '{
	name = substr($0, 1, 14)
	for (i = 1; i < NF; i++) if ($(i + 1) == "s") { t = $i + 0; break }
	if (!(name in best) || t < best[name]) { best[name] = t; line[name] = $0 }
} END { for (n in line) print line[n] }' "$work/results" | sort
if [ -f "$work/goaccess.json" ]; then
	echo
	grep -o '"total_requests": [0-9]*\|"valid_requests": [0-9]*\|"failed_requests": [0-9]*' "$work/goaccess.json" | head -3 | tr '\n' ' '
	echo "(goaccess's own count of the same lines)"
fi
