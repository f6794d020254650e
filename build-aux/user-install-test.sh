#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Tests the README's install from source as a user: a clean clone of the committed tree, built and
# installed with meson setup --prefix ~/.local and meson install into a fresh home, then the same
# smoke test as the Debian package (menu entry, icon, D-Bus start, schema, catalogue, man page).
# No root needed when the packages are there. Usage: build-aux/user-install-test.sh
set -eu
cd "$(dirname "$0")/.."
src=$PWD
started=$(date +%s)
sh build-aux/deps.sh test

work=$(mktemp -d "${TMPDIR:-/tmp}/dh-user-XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone -q "$src" "$work/delist-helper"
home=$work/home
mkdir -p "$home"
cd "$work/delist-helper"
HOME=$home meson setup build --prefix "$home/.local"
HOME=$home meson compile -C build
HOME=$home meson install -C build
sh "$src/build-aux/smoke-test.sh" "$home/.local" "$home"
echo "user-install-test.sh: built, installed in ~/.local and tested in $(($(date +%s) - started)) s"
