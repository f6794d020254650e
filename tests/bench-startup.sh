#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-startup.sh: start-up benchmark. Launches the app (build/src/delist-helper) and a bare
# AdwApplicationWindow (build/tests/bench-bare-window) alternately, RUNS times each (15), and
# compares the time from process start to the first drawn frame and the peak memory (ru_maxrss).
# Goal: the app within 1.25x the bare window's time and 1.2x its memory. A benchmark reports: it
# exits 0 whatever the ratios, and non-zero only when it could not measure.
#
#   sh tests/bench-startup.sh [BUILD_DIR]          # or: meson test -C build --benchmark startup -v
#
# Uses the current display; with no DISPLAY it starts its own Xvfb (xvfb-run -a). Each run gets its
# own D-Bus session (dbus-run-session), so the unique app never meets another instance.
set -u

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
build=$(cd "$build" && pwd) || exit 2
app=$build/src/delist-helper
bare=$build/tests/bench-bare-window
runs=${RUNS:-15}

for program in "$app" "$bare"; do
  if [ ! -x "$program" ]; then
    echo "bench-startup: $program is missing; build it first (ninja -C $build)" >&2
    exit 2
  fi
done

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if [ -n "${DH_BENCH_IN_XVFB:-}" ]; then
    echo "bench-startup: no display even under xvfb-run" >&2
    exit 2
  fi
  DH_BENCH_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    sh "$0" "$build"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dh-bench-startup.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -m 700 "$tmp/runtime"
mkdir "$tmp/config"

# One run: prints the program's measurement line, or nothing.
run_one () {
  env -u MALLOC_PERTURB_ -u DBUS_SESSION_BUS_ADDRESS \
    DH_BENCH_FIRST_FRAME=1 \
    GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$build/data" \
    DH_LOCALEDIR="$build/po" \
    GSK_RENDERER=cairo \
    ADW_DISABLE_PORTAL=1 \
    NO_AT_BRIDGE=1 \
    GTK_A11Y=none \
    XDG_RUNTIME_DIR="$tmp/runtime" \
    XDG_CONFIG_HOME="$tmp/config" \
    timeout 60 dbus-run-session -- "$1" >"$tmp/out" 2>>"$tmp/stderr"
  status=$?
  if grep -q '^first-frame-ms=' "$tmp/out"; then
    grep '^first-frame-ms=' "$tmp/out" | tail -n 1
  else
    echo "${1##*/}: no measurement, exit status $status" >>"$tmp/stderr"
  fi
}

# What the runs wrote on standard error, without dbus-daemon's complaint about its fd limit.
show_stderr () {
  grep -v 'Failed to set fd limit' "$tmp/stderr" | sort | uniq -c | sort -rn | head -n 20 >&2
}

load=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo '?')

# Warm the page cache and font caches once each; these runs are not counted.
run_one "$app" >/dev/null
run_one "$bare" >/dev/null

: >"$tmp/app"
: >"$tmp/bare"
i=0
while [ "$i" -lt "$runs" ]; do
  # Alternate which goes first, so that neither always follows the other.
  if [ $((i % 2)) -eq 0 ]; then
    run_one "$app" >>"$tmp/app"
    run_one "$bare" >>"$tmp/bare"
  else
    run_one "$bare" >>"$tmp/bare"
    run_one "$app" >>"$tmp/app"
  fi
  i=$((i + 1))
done

# stats FILE KEY: "median min n" of KEY=value over the lines of FILE.
stats () {
  sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$1" | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "nan nan 0"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      print m, v[1], NR
    }'
}

# The three numbers are split into $1 $2 $3 on purpose.
# shellcheck disable=SC2046
{
  set -- $(stats "$tmp/app" first-frame-ms);  app_ms=$1;  app_ms_min=$2;  app_n=$3
  set -- $(stats "$tmp/bare" first-frame-ms); bare_ms=$1; bare_ms_min=$2; bare_n=$3
  set -- $(stats "$tmp/app" maxrss-kib);      app_kib=$1; app_kib_min=$2
  set -- $(stats "$tmp/bare" maxrss-kib);     bare_kib=$1; bare_kib_min=$2
  set -- $(stats "$tmp/app" main-ms);         app_main=$1
  set -- $(stats "$tmp/bare" main-ms);        bare_main=$1
}

if [ "$app_n" -eq 0 ] || [ "$bare_n" -eq 0 ]; then
  echo "bench-startup: no measurement (app $app_n runs, bare $bare_n runs); stderr of the runs:" >&2
  show_stderr
  exit 1
fi

awk -v am="$app_ms" -v amn="$app_ms_min" -v bm="$bare_ms" -v bmn="$bare_ms_min" \
    -v ak="$app_kib" -v akn="$app_kib_min" -v bk="$bare_kib" -v bkn="$bare_kib_min" \
    -v amain="$app_main" -v bmain="$bare_main" \
    -v an="$app_n" -v bn="$bare_n" -v runs="$runs" -v display="${DISPLAY:-$WAYLAND_DISPLAY}" \
    -v load="$load" -v cpus="$(nproc 2>/dev/null || echo '?')" '
  BEGIN {
    t = am / bm; m = ak / bk
    printf "startup: delist-helper median %.0f ms / bare %.0f ms = %.2fx; peak RSS %.1f MiB / %.1f MiB = %.2fx\n",
           am, bm, t, ak / 1024, bk / 1024, m
    printf "  first frame (ms since process start): delist-helper median %.1f min %.1f; bare median %.1f min %.1f; min ratio %.2fx\n",
           am, amn, bm, bmn, amn / bmn
    printf "  of which since main (): delist-helper median %.1f, bare median %.1f\n", amain, bmain
    printf "  peak RSS (MiB): delist-helper median %.1f min %.1f; bare median %.1f min %.1f\n",
           ak / 1024, akn / 1024, bk / 1024, bkn / 1024
    printf "  runs: delist-helper %d/%d, bare %d/%d, display %s, GSK_RENDERER=cairo, load average %s on %s CPUs at start\n",
           an, runs, bn, runs, display, load, cpus
    printf "  goal: time <= 1.25x: %s; memory <= 1.2x: %s\n",
           t <= 1.25 ? "met" : "NOT met", m <= 1.2 ? "met" : "NOT met"
  }'
if [ "$app_n" -lt "$runs" ] || [ "$bare_n" -lt "$runs" ]; then
  echo "bench-startup: some runs printed no measurement; stderr of the runs:" >&2
  show_stderr
fi
exit 0
