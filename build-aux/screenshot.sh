#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes a screenshot of the real window under its own Xvfb.
# Usage: build-aux/screenshot.sh OUT.png LANGUAGE [WIDTHxHEIGHT] [FILE-TO-OPEN]
set -eu
out=$1
lang=$2
size=${3:-900x800}
file=${4:-}
cd "$(dirname "$0")/.."
command -v import >/dev/null || sh build-aux/deps.sh build
export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 GTK_A11Y=none
export LANG=C.UTF-8 LANGUAGE="$lang" DH_LOCALEDIR="$PWD/build/po" GSETTINGS_SCHEMA_DIR="$PWD/build/data"
w=${size%x*}
h=${size#*x}
xvfb-run -a -s "-screen 0 ${w}x${h}x24" sh -c '
  dbus-run-session -- ./build/src/delist-helper '"${file:+\"$file\"}"' &
  app=$!
  # Poll until the window has drawn something other than one colour.
  i=0
  while [ $i -lt 60 ]; do
    sleep 0.5
    import -window root "'"$out"'" 2>/dev/null || true
    if [ -f "'"$out"'" ] && [ "$(convert "'"$out"'" -format %k info: 2>/dev/null || echo 1)" -gt 50 ]; then
      sleep 1; import -window root "'"$out"'"; break
    fi
    i=$((i+1))
  done
  kill $app 2>/dev/null || true
'
echo "$out"
