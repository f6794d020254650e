#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The built desktop file and AppStream metadata carry the Japanese translation from po/ja.po.
# Usage: check-data-translations.sh FILE.desktop FILE.metainfo.xml
set -u
desktop=$1
metainfo=$2
status=0
for key in 'Name[ja]=' 'GenericName[ja]=' 'Comment[ja]=' 'Keywords[ja]='; do
  grep -qF "$key" "$desktop" || { echo "$desktop: no $key"; status=1; }
done
grep -qxF 'Name[ja]=ブロックリスト解除ヘルパー' "$desktop" || { echo "$desktop: Name[ja] is not ブロックリスト解除ヘルパー"; status=1; }
for tag in name summary p li caption; do
  grep -qE "<$tag xml:lang=\"ja\">" "$metainfo" || { echo "$metainfo: no <$tag xml:lang=\"ja\">"; status=1; }
done
grep -qF '<name xml:lang="ja">ブロックリスト解除ヘルパー</name>' "$metainfo" || { echo "$metainfo: Japanese name missing"; status=1; }
[ "$status" -eq 0 ] && echo "Japanese translations present in $desktop and $metainfo"
exit $status
