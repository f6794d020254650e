#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-cli-mbox.py: writes an mbox of N (1,000) varied bounces for tests/bench-cli.sh, from this
# project's own samples (tests/samples/*.eml: Postfix, Exim, Sendmail, qmail, Courier, Exchange and
# Microsoft 365 notices, Japanese hosting ones) with each copy's sending IP, recipients, Message-Ids
# and dates changed, so that no two messages are the same.
#
#   python3 tests/bench-cli-mbox.py OUT.mbox [N]
import pathlib
import re
import sys
import time

# Not bounces (an ordinary mail, a spam complaint): the benchmark is over bounces.
SKIP = {"trap-ordinary-email.eml", "trap-arf-feedback-report.eml"}

# The documentation addresses the samples send from, and the one each copy gets instead.
SENDERS = re.compile(rb"\b(203\.0\.113|198\.51\.100|192\.0\.2)\.(\d{1,3})\b")
RECIPIENT = re.compile(rb"\b([A-Za-z0-9._-]{1,40})@(outlook|hotmail|live|msn|gmail|yahoo|contoso|docomo|ezweb)\.")
MESSAGE_ID = re.compile(rb"(Message-I[Dd]: <)([^@>]{1,80})@")
YEAR_DAY = re.compile(rb"\b(\d{1,2}) (Nov|Dec) 2026\b")
FROM_LINE = re.compile(rb"^(>*From )", re.M)


def vary(data: bytes, n: int) -> bytes:
    prefixes = (b"203.0.113", b"198.51.100", b"192.0.2")
    data = SENDERS.sub(lambda m: b"%s.%d" % (prefixes[n % 3], 1 + n % 250), data)
    data = RECIPIENT.sub(lambda m: b"%s.%d@%s." % (m.group(1), n, m.group(2)), data)
    data = MESSAGE_ID.sub(lambda m: b"%s%s.%d@" % (m.group(1), m.group(2), n), data)
    data = YEAR_DAY.sub(lambda m: b"%d %s 2026" % (1 + (int(m.group(1)) + n) % 28, m.group(2)), data)
    return data


def main() -> int:
    if len(sys.argv) < 2:
        print("usage: bench-cli-mbox.py OUT.mbox [N]", file=sys.stderr)
        return 2
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    samples = pathlib.Path(__file__).resolve().parent / "samples"
    sources = [p.read_bytes().replace(b"\r\n", b"\n")
               for p in sorted(samples.glob("*.eml")) if p.name not in SKIP]
    with open(sys.argv[1], "wb") as out:
        for n in range(count):
            body = vary(sources[n % len(sources)], n)
            stamp = time.asctime(time.gmtime(1796000000 + n * 97))
            # mboxrd: a body line starting with "From " (or ">From ") gets one more ">".
            body = FROM_LINE.sub(rb">\1", body)
            out.write(b"From MAILER-DAEMON  " + stamp.encode() + b"\n")
            out.write(body.rstrip(b"\n") + b"\n\n")
    print(f"{count} messages from {len(sources)} samples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
