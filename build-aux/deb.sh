#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from a clean clone of the committed tree (dpkg-buildpackage, the tests
# under Xvfb during the build), checks it with lintian, installs it with apt-get and smoke-tests
# the installed app: --version, --analyze on a sample, the Japanese catalogue, the schema, the
# icon, and the window started from the installed desktop file (D-Bus activation) under Xvfb,
# with no warning. Needs root (or sudo) to install; removes the package again unless it was
# installed before or DH_DEB_KEEP=1. Usage: build-aux/deb.sh [OUT-DIR]   (default build-deb/)
set -eu
cd "$(dirname "$0")/.."
src=$PWD
out=${1:-$src/build-deb}
app_id=io.github.delisthelper.DelistHelper
started=$(date +%s)

sh build-aux/deps.sh deb test

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

work=$(mktemp -d "${TMPDIR:-/tmp}/dh-deb-XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone -q "$src" "$work/delist-helper"
cd "$work/delist-helper"
git log -1 --format='Building %h %s'

if ! dpkg-checkbuilddeps 2>/dev/null; then
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq ./
fi

dpkg-buildpackage -us -uc -b
cd "$work"
deb=$(ls delist-helper_*.deb | grep -v dbgsym)
echo "== lintian"
lintian --info --display-info --pedantic --fail-on error,warning delist-helper_*.changes
mkdir -p "$out"
cp delist-helper*_*.deb delist-helper_*.changes delist-helper_*.buildinfo "$out/"
built=$(date +%s)

echo "== install"
was_installed=no
dpkg-query -W -f='${Status}' delist-helper 2>/dev/null | grep -q "install ok installed" && was_installed=yes
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb"
remove () {
  if [ "$was_installed" = no ] && [ "${DH_DEB_KEEP:-0}" != 1 ]; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq delist-helper > /dev/null
  fi
  rm -rf "$work"
}
trap remove EXIT

echo "== smoke test"
sh "$src/build-aux/smoke-test.sh" /usr "$work/home"

finished=$(date +%s)
echo "deb.sh: $out/$deb built in $((built - started)) s, installed and tested in $((finished - built)) s"
