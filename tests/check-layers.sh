#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-layers.sh: the GUI stands on src/net and src/core, never on the command-line layer:
# no file under src/gui includes a header of src/cli, the GUI's objects are compiled without
# src/cli on their include path, and delist-helper-gui does not link libdh-cli.
#
#   sh tests/check-layers.sh SOURCE_ROOT BUILD_ROOT
set -u

src=${1:?source root}
build=${2:?build root}
status=0

# 1. #include "dh-cli.h" (or any other header of src/cli) in src/gui.
headers=$(cd "$src/src/cli" && ls *.h 2>/dev/null)
[ -n "$headers" ] || { echo "not ok: no header found in $src/src/cli"; exit 2; }
for header in $headers; do
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[\"<]([^\">]*/)?$header[\">]" "$src/src/gui" || true)
  if [ -n "$hits" ]; then
    echo "not ok: src/gui includes src/cli/$header:"
    echo "$hits"
    status=1
  fi
done
[ $status -eq 0 ] && echo "ok: no file under src/gui includes a header of src/cli ($(echo $headers))"

# 2. and 3. What the build runs, from build.ninja: a statement runs from its `build` line to the
# next blank line.
ninja_file="$build/build.ninja"
[ -f "$ninja_file" ] || { echo "not ok: $ninja_file not found"; exit 2; }
statement () {
  awk -v target="$1" 'index ($0, "build " target) == 1 { on = 1 } on && /^$/ { on = 0 } on' "$ninja_file"
}

gui_objects=$(statement "src/libdh-gui.a.p/")
[ -n "$gui_objects" ] || { echo "not ok: no object of libdh-gui in $ninja_file"; exit 2; }
if echo "$gui_objects" | grep -qE -- "-I[^ ]*src/cli( |$)"; then
  echo "not ok: the GUI's objects are compiled with src/cli on their include path"
  status=1
else
  echo "ok: the GUI's objects are compiled without src/cli on their include path"
fi

gui_link=$(statement "src/delist-helper-gui:")
[ -n "$gui_link" ] || { echo "not ok: no link of delist-helper-gui in $ninja_file"; exit 2; }
echo "$gui_link" | grep -q "libdh-gui\.a" || { echo "not ok: cannot read the link of delist-helper-gui"; exit 2; }
if echo "$gui_link" | grep -q "libdh-cli"; then
  echo "not ok: delist-helper-gui links libdh-cli"
  status=1
else
  echo "ok: delist-helper-gui links libdh-gui, libdh-net and libdh-core, not libdh-cli"
fi
exit $status
