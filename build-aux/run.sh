#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Delist Helper and launches it (arguments go to the app).
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh build
[ -f build/build.ninja ] || meson setup build
ninja -C build
exec env DH_LOCALEDIR="$PWD/build/po" GSETTINGS_SCHEMA_DIR="$PWD/build/data" ./build/src/delist-helper "$@"
