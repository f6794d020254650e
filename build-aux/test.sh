#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Delist Helper and runs every test suite under its own Xvfb and
# D-Bus session. Ends with one line: "N passed, N failed".
#   build-aux/test.sh              the normal build (build/)
#   build-aux/test.sh --sanitize   also an AddressSanitizer + UBSan build (build-asan/)
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh test

sanitize=no
[ "${1:-}" = "--sanitize" ] && sanitize=yes

# A caller that ran checks of its own (.ci/run: the Debian package) adds them to the line.
passed=${DH_EXTRA_PASSED:-0}
failed=${DH_EXTRA_FAILED:-0}

run_suite () {
  dir=$1
  shift
  [ -f "$dir/build.ninja" ] || meson setup "$dir" "$@"
  ninja -C "$dir"
  # meson's exit code is counted from its log below; keep going to print the summary.
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 || true
  counts=$(python3 - "$dir/meson-logs/testlog.json" <<'PY'
import json, re, sys
# Count each TAP test case (ok / not ok lines); a test with no TAP output counts once.
p = f = 0
try:
    for line in open(sys.argv[1]):
        r = json.loads(line)
        out = r.get("stdout") or ""
        oks = len(re.findall(r"^ok \d+", out, re.M))
        bad = len(re.findall(r"^not ok \d+", out, re.M))
        good = r.get("result") in ("OK", "EXPECTEDFAIL", "SKIP")
        if oks + bad == 0:
            p, f = (p + 1, f) if good else (p, f + 1)
        else:
            p += oks
            f += bad if (bad or good) else 1
except FileNotFoundError:
    f = 1
print(p, f)
PY
)
  set -- $counts
  passed=$((passed + $1))
  failed=$((failed + $2))
}

run_suite build
if [ "$sanitize" = yes ]; then
  run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
