#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks what building (and testing) Delist Helper needs, with pkg-config and by looking for the
# programs, and installs what is missing with the distribution's own tool (Debian / Ubuntu, Fedora,
# Arch): as root directly, as a user through sudo when run in a terminal, otherwise it prints the
# command. Nothing is installed when nothing is missing. Library version floors come from
# meson.build. Usage: build-aux/deps.sh [build|test|fuzz|deb|bench]...
set -eu
cd "$(dirname "$0")/.."

# What is needed: the check (pc:MODULE:FLOOR-VARIABLE, cmd:PROGRAM, font:FAMILY-OR-LANG, gio:MODULE,
# deb:PACKAGE), then the package names on Debian / Ubuntu, Fedora and Arch ("-": nothing to install).
table () {
  case "$1" in
    build) cat <<'EOF'
cmd:meson                            meson                   meson                     meson
cmd:ninja                            ninja-build             ninja-build               ninja
cmd:pkg-config                       pkg-config              pkgconf-pkg-config        pkgconf
cmd:cc                               gcc,libc6-dev           gcc                       gcc
pc:glib-2.0:glib_floor               libglib2.0-dev          glib2-devel               glib2
cmd:glib-compile-schemas             libglib2.0-bin          glib2-devel               glib2
pc:gtk4:gtk_floor                    libgtk-4-dev            gtk4-devel                gtk4
cmd:gtk4-update-icon-cache           libgtk-4-bin            gtk4                      gtk4
pc:libadwaita-1:adw_floor            libadwaita-1-dev        libadwaita-devel          libadwaita
pc:libsoup-3.0:soup_floor            libsoup-3.0-dev         libsoup3-devel            libsoup3
pc:json-glib-1.0:json_floor          libjson-glib-dev        json-glib-devel           json-glib
pc:gmime-3.0:gmime_floor             libgmime-3.0-dev        gmime30-devel             gmime3
gio:libgiognutls.so                  glib-networking         glib-networking           glib-networking
cmd:msgfmt                           gettext                 gettext                   gettext
cmd:desktop-file-validate            desktop-file-utils      desktop-file-utils        desktop-file-utils
cmd:appstreamcli                     appstream               appstream                 appstream
cmd:python3                          python3                 python3                   python
EOF
    ;;
    test) cat <<'EOF'
cmd:xvfb-run                         xvfb                    xorg-x11-server-Xvfb      xorg-server-xvfb
cmd:xauth                            xauth                   xorg-x11-xauth            xorg-xauth
cmd:dbus-run-session                 dbus                    dbus-daemon               dbus
font:ja                              fonts-noto-cjk          google-noto-sans-cjk-fonts noto-fonts-cjk
font:Cantarell                       fonts-cantarell         abattis-cantarell-fonts   cantarell-fonts
EOF
    ;;
    fuzz) cat <<'EOF'
cmd:clang                            clang                   clang                     clang
deb:libclang-rt-14-dev               libclang-rt-14-dev      compiler-rt               compiler-rt
EOF
    ;;
    deb) cat <<'EOF'
cmd:dpkg-buildpackage                dpkg-dev                -                         -
cmd:dh                               debhelper               -                         -
cmd:lintian                          lintian                 -                         -
cmd:git                              git                     git                       git
EOF
    ;;
    # tests/bench-cli.sh: Sisimai to compare with, hyperfine, GNU time for peak memory. Not for the tests.
    bench) cat <<'EOF'
deb:libsisimai-perl                  libsisimai-perl         -                         -
cmd:hyperfine                        hyperfine               hyperfine                 hyperfine
cmd:/usr/bin/time                    time                    time                      time
EOF
    ;;
    *) echo "deps.sh: unknown set $1 (build, test, fuzz, deb or bench)" >&2; exit 2;;
  esac
}

distro=unknown
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  ids=$(. /etc/os-release; echo "${ID:-} ${ID_LIKE:-}")
  case " $ids " in
    *" debian "*|*" ubuntu "*) distro=debian;;
    *" fedora "*|*" rhel "*) distro=fedora;;
    *" arch "*) distro=arch;;
  esac
fi

floor () {
  sed -n "s/^$1 = '\([0-9.]*\)'.*/\1/p" meson.build
}

present () {
  what=${1#*:}
  case "$1" in
    pc:*)
      module=${what%%:*}
      command -v pkg-config >/dev/null 2>&1 || return 1
      pkg-config --atleast-version="$(floor "${what#*:}")" "$module" 2>/dev/null;;
    cmd:*) command -v "$what" >/dev/null 2>&1;;
    font:ja) command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja family 2>/dev/null)" ];;
    font:*) command -v fc-list >/dev/null 2>&1 && fc-list : family 2>/dev/null | grep -qi "$what";;
    gio:*)
      command -v pkg-config >/dev/null 2>&1 &&
        [ -e "$(pkg-config --variable=giomoduledir gio-2.0 2>/dev/null)/$what" ];;
    deb:*)
      [ "$distro" != debian ] ||
        dpkg-query -W -f='${Status}' "$what" 2>/dev/null | grep -q "install ok installed";;
  esac
}

sets=$*
[ -n "$sets" ] || sets=build
case " $sets " in *" test "*) sets="build $sets";; esac

for set in $sets; do
  table "$set" > /dev/null
done

missing=""
packages=""
for set in $sets; do
  table "$set" | while read -r check debian fedora arch; do
    present "$check" && continue
    case "$distro" in
      debian) pkg=$debian;; fedora) pkg=$fedora;; arch) pkg=$arch;; *) pkg=$debian;;
    esac
    echo "$check $(echo "$pkg" | tr ',' ' ')"
  done
done > "${TMPDIR:-/tmp}/dh-deps.$$"
while read -r check pkgs; do
  missing="$missing ${check#*:}"
  for p in $pkgs; do
    [ "$p" = - ] && continue
    case " $packages " in *" $p "*) ;; *) packages="$packages $p";; esac
  done
done < "${TMPDIR:-/tmp}/dh-deps.$$"
rm -f "${TMPDIR:-/tmp}/dh-deps.$$"
[ -z "$missing" ] && exit 0

echo "Missing:$missing" >&2
case "$distro" in
  debian) install="apt-get install -y --no-install-recommends$packages";;
  fedora) install="dnf install -y$packages";;
  arch) install="pacman -S --needed --noconfirm$packages";;
  *)
    echo "Install the packages that provide them (the Debian names are:$packages), then run this again." >&2
    exit 1;;
esac
if [ -z "$packages" ]; then
  echo "This distribution has no package for them here; see README.md." >&2
  exit 1
fi

as_root=""
if [ "$(id -u)" -ne 0 ]; then
  if [ -t 0 ] && command -v sudo >/dev/null 2>&1; then
    as_root=sudo
    echo "Installing them with: sudo $install" >&2
  else
    echo "Install them with: sudo $install" >&2
    exit 1
  fi
else
  echo "Installing:$packages"
fi
if [ "$distro" = debian ]; then
  export DEBIAN_FRONTEND=noninteractive
  $as_root apt-get update -qq
fi
# shellcheck disable=SC2086
$as_root $install
