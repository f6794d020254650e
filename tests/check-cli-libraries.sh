#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-cli-libraries.sh: the command-line modes load no GTK, libadwaita or graphics library.
# For each program given (delist-helper-cli, and delist-helper, which hands --analyze over to it):
# its NEEDED entries (readelf -d), then what the running process really maps (/proc/PID/maps)
# while `--analyze FIFO` waits for its input, GIO's modules loaded.
#
#   sh tests/check-cli-libraries.sh build/src/delist-helper-cli [build/src/delist-helper]
set -u

graphics='lib(gtk|gdk|adwaita|cairo|pango|EGL|GL|graphene|epoxy|vulkan|X11|xcb|wayland|harfbuzz)'
status=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dh-check-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

if command -v readelf >/dev/null 2>&1; then
  for program in "$@"; do
    needed=$(readelf -d "$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    [ -n "$needed" ] || { echo "not ok: readelf found no NEEDED entry in $program"; exit 2; }
    bad=$(echo "$needed" | grep -E "^$graphics" || true)
    if [ -n "$bad" ]; then
      echo "not ok: $program links" $bad
      status=1
    else
      echo "ok: $program links" $needed
    fi
  done
fi

for program in "$@"; do
  fifo=$tmp/input
  rm -f "$fifo" "$tmp/out"
  mkfifo "$fifo" || exit 2
  "$program" --analyze "$fifo" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  # Opening the FIFO for writing waits until the program has opened it for reading.
  exec 3>"$fifo"
  maps=$(cat "/proc/$pid/maps")
  exec 3>&-
  wait "$pid"
  rc=$?
  if [ "$rc" -ne 0 ] || ! grep -q '"reports"' "$tmp/out"; then
    echo "not ok: $program --analyze FIFO exited $rc:"; cat "$tmp/err"
    status=1
    continue
  fi
  bad=$(echo "$maps" | awk '{print $6}' | grep -E "/$graphics" | sort -u)
  if [ -n "$bad" ]; then
    echo "not ok: $program --analyze maps" $bad
    status=1
  elif ! echo "$maps" | grep -q 'libgmime-3'; then
    echo "not ok: $program --analyze: no libgmime in its maps, so they were read too early"
    status=1
  else
    echo "ok: $program --analyze maps no GTK, libadwaita or graphics library"
  fi
done
exit $status
