#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-cli.sh: the command-line tool against Sisimai over one mbox of 1,000 varied bounces
# (tests/bench-cli-mbox.py), each as a whole process, start included: `delist-helper-cli --analyze`
# and `perl -MSisimai` (Debian's libsisimai-perl: Sisimai->rise, or Sisimai->make before 5.0).
# Prints the median wall time and the CPU time of RUNS (10) runs each (hyperfine when installed),
# their ratio, the peak memory of each (/usr/bin/time -f %M) and how many bounces each found. Goal: at least
# 30 times faster than Sisimai, under 40 MB. A benchmark reports: it exits 0 whatever the figures,
# and non-zero only when it could not measure.
#
#   sh tests/bench-cli.sh [BUILD_DIR]          # or: meson test -C build --benchmark cli -v
#   build-aux/deps.sh bench                    # Sisimai, hyperfine, GNU time
# RUNS (10), MESSAGES (1000); NO_HYPERFINE=1 times with /usr/bin/time alone.
set -u

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
build=$(cd "$build" && pwd) || exit 2
cli=$build/src/delist-helper-cli
runs=${RUNS:-10}
count=${MESSAGES:-1000}

if [ ! -x "$cli" ]; then
  echo "bench-cli: $cli is missing; build it first (ninja -C $build)" >&2
  exit 2
fi
if ! perl -MSisimai -e 1 2>/dev/null; then
  echo "bench-cli: Sisimai is not installed (apt-get install libsisimai-perl, or build-aux/deps.sh bench)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench-cli: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dh-bench-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

mbox=$tmp/bounces.mbox
python3 "$here/bench-cli-mbox.py" "$mbox" "$count" || exit 2

# Sisimai 5 has rise (); 4.x, Debian 12's, has make (). Both return the bounces found, one per
# recipient, or undef for none.
if perl -MSisimai -e 'exit (Sisimai->can ("rise") ? 0 : 1)'; then call=rise; else call=make; fi
cat >"$tmp/sisimai.pl" <<EOF
use Sisimai;
my \$found = Sisimai->$call (\$ARGV[0]);
print scalar (@{\$found || []}), "\n";
EOF
sisimai_version=$(perl -MSisimai -e 'print Sisimai->version')

echo "mbox: $count messages, $(wc -c <"$mbox") bytes; Sisimai $sisimai_version (Sisimai->$call)"

# Bounces found: ours are the reports of --analyze, Sisimai's its records.
ours=$("$cli" --analyze "$mbox" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(len(d["reports"]))') || exit 2
theirs=$(perl "$tmp/sisimai.pl" "$mbox") || exit 2

# Peak resident memory in kB: the largest of three runs.
peak () {
  max=0
  for i in 1 2 3; do
    kb=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
    [ "$kb" -gt "$max" ] && max=$kb
  done
  echo "$max"
}
ours_kb=$(peak "$cli" --analyze "$mbox")
theirs_kb=$(peak perl "$tmp/sisimai.pl" "$mbox")

# Wall time (median) and user + system time (the mean with hyperfine, else the median), in seconds.
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N -w 2 -r "$runs" --export-json "$tmp/times.json" \
    -n delist-helper-cli "$cli --analyze $mbox" \
    -n sisimai "perl $tmp/sisimai.pl $mbox" >/dev/null || exit 2
  python3 - "$tmp/times.json" >"$tmp/medians" <<'EOF' || exit 2
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    # hyperfine gives the user and system times as means.
    print(r["command"], statistics.median(r["times"]), r["user"] + r["system"])
EOF
else
  median () { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  for name in delist-helper-cli sisimai; do
    if [ "$name" = sisimai ]; then set -- perl "$tmp/sisimai.pl" "$mbox"; else set -- "$cli" --analyze "$mbox"; fi
    i=0
    : >"$tmp/runs"
    while [ "$i" -lt "$runs" ]; do
      /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -n 1 >>"$tmp/runs"
      i=$((i + 1))
    done
    echo "$name $(awk '{ print $1 }' "$tmp/runs" | median) $(awk '{ print $2 + $3 }' "$tmp/runs" | median)"
  done >"$tmp/medians"
fi

awk -v ours="$ours" -v theirs="$theirs" -v ours_kb="$ours_kb" -v theirs_kb="$theirs_kb" -v runs="$runs" '
  { wall[$1] = $2; cpu[$1] = $3 }
  END {
    printf "%-18s %10s %10s %10s %9s\n", "", "wall (ms)", "cpu (ms)", "peak (MB)", "bounces"
    printf "%-18s %10.1f %10.1f %10.1f %9d\n", "delist-helper-cli", wall["delist-helper-cli"] * 1000, cpu["delist-helper-cli"] * 1000, ours_kb / 1024, ours
    printf "%-18s %10.1f %10.1f %10.1f %9d\n", "Sisimai", wall["sisimai"] * 1000, cpu["sisimai"] * 1000, theirs_kb / 1024, theirs
    printf "medians of %d runs; Sisimai / delist-helper-cli: %.1fx wall, %.1fx cpu (goal 30x); peak %s 40 MB\n",
           runs, wall["sisimai"] / wall["delist-helper-cli"], cpu["sisimai"] / cpu["delist-helper-cli"],
           ours_kb / 1024 < 40 ? "under" : "OVER"
  }' "$tmp/medians"
