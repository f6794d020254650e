#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every user-visible string is translated into Japanese: nothing untranslated, nothing fuzzy.
set -eu
src=$1
out=$(msgfmt --check --statistics -o /dev/null "$src/po/ja.po" 2>&1)
echo "$out"
case "$out" in
  *untranslated*|*fuzzy*) echo "po/ja.po is incomplete"; exit 1;;
esac
# Every file that holds translatable strings is listed in POTFILES.in.
missing=0
for f in $(cd "$src" && grep -lE '\b(N?_|C_|ngettext)\s*\(|translatable="yes"' src/*/*.c ui/*.ui ui/*/*.ui 2>/dev/null); do
  grep -qx "$f" "$src/po/POTFILES.in" || { echo "not in po/POTFILES.in: $f"; missing=1; }
done
exit $missing
