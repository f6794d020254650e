#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates the built AppStream metadata offline: fails on errors and also on warnings.
# Usage: validate-metainfo.sh FILE.metainfo.xml
set -u
out=$(appstreamcli validate --no-net --no-color "$1" 2>&1)
rc=$?
echo "$out"
if [ "$rc" -ne 0 ]; then
  echo "appstreamcli validate failed (exit $rc)"
  exit 1
fi
# Lines start with E: (error), W: (warning), I: (info), P: (pedantic); info is fine.
if echo "$out" | grep -qE '^[[:space:]]*[EW]:'; then
  echo "appstreamcli validate reported errors or warnings"
  exit 1
fi
exit 0
