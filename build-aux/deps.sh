#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Delist Helper needs, only when some are missing (run as root).
# Usage: build-aux/deps.sh [build|test|fuzz|bench]...
set -eu

build="meson ninja-build pkg-config gcc libc6-dev libglib2.0-dev libglib2.0-bin libgtk-4-dev
libgtk-4-bin libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libgmime-3.0-dev gettext desktop-file-utils
appstream"
test="xvfb xauth dbus dbus-x11 fonts-noto-cjk fonts-cantarell"
fuzz="clang libclang-rt-14-dev"
# tests/bench-cli.sh: Sisimai to compare with, hyperfine, GNU time for peak memory. Not for the tests.
bench="libsisimai-perl hyperfine time"

want=""
for set in "$@"; do
  case "$set" in
    build) want="$want $build";;
    test) want="$want $build $test";;
    fuzz) want="$want $build $fuzz";;
    bench) want="$want $build $bench";;
    *) echo "deps.sh: unknown set $set" >&2; exit 2;;
  esac
done

missing=""
for pkg in $want; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing packages:$missing" >&2
  echo "Run this as root, or install them with: sudo apt-get install$missing" >&2
  exit 1
fi
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
