#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# attacks.sh: replays the hostile inputs of the robustness issue against BUILD_DIR's delist-helper
# and prints, for each, wall time, peak memory, exit status and PASS/FAIL (within 2 s and 200 MB,
# or refused with a clear message), then a summary. Exits 1 when one fails. See tests/attacks.py.
#
#   sh tests/attacks.sh BUILD_DIR            # or: meson test -C build --benchmark attacks -v
#
# Network traffic goes to 127.0.0.1 only; the DNS attack runs in its own network namespace
# (unshare -mn, as root) and is skipped where that cannot be made.
set -u
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/attacks.py" "${1:-$here/../build}"
