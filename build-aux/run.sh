#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Delist Helper's development profile (build-devel/, app id ….Devel: its own settings and
# case folder, so it never shares anything with an installed copy) and launches it from the build
# tree, as the user who runs this (arguments go to the app). Installs missing packages first
# (deps.sh: as root, or through sudo in a terminal). Notifications need an installed desktop file:
# see "Install from source" in README.md.
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh build
[ -f build-devel/build.ninja ] || meson setup build-devel -Dprofile=development
ninja -C build-devel
exec env DH_LOCALEDIR="$PWD/build-devel/po" GSETTINGS_SCHEMA_DIR="$PWD/build-devel/data" DH_HELP_DIR="$PWD/help" \
  ./build-devel/src/delist-helper "$@"
