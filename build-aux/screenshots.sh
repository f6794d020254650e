#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Saves a PNG of every page of every route, and of Preferences, About and the keyboard shortcuts,
# in English and Japanese, under its own Xvfb.
# Usage: build-aux/screenshots.sh [OUTPUT-DIR] [WIDTHxHEIGHT]   (default: build/screenshots 900x900)
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/screenshots}
size=${2:-900x900}
sh build-aux/deps.sh test
[ -f build/build.ninja ] || meson setup build
ninja -C build tests/screenshots tests/screenshots-prefs
export GSETTINGS_BACKEND=memory GSK_RENDERER=cairo ADW_DISABLE_PORTAL=1 NO_AT_BRIDGE=1 GTK_A11Y=none
export DH_LOCALEDIR="$PWD/build/po" GSETTINGS_SCHEMA_DIR="$PWD/build/data" G_TEST_SRCDIR="$PWD/tests"
for lang in en ja; do
  LANG=C.UTF-8 LANGUAGE=$lang xvfb-run -a -s "-screen 0 1600x1600x24" dbus-run-session -- \
    ./build/tests/screenshots "$out" "$size"
  LANG=C.UTF-8 LANGUAGE=$lang xvfb-run -a -s "-screen 0 1600x1600x24" dbus-run-session -- \
    ./build/tests/screenshots-prefs "$out"
done
