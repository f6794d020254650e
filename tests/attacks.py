# SPDX-License-Identifier: GPL-3.0-or-later
# attacks.py: replays the hostile inputs of the robustness issue against a built delist-helper
# (command-line modes) and prints, for each, its wall time, peak memory, exit status and whether
# it ended within 2 s and 200 MB (a refusal must say why). Run it as `sh tests/attacks.sh BUILD_DIR`.
#
# Everything it needs is made in a temporary folder; each run gets a fresh XDG_DATA_HOME. Network
# traffic goes to 127.0.0.1 only: the RDAP answers come from a small server of this script on the
# loopback address (DH_RDAP_BASE_URL, DH_CHECK_IP_PARTS=owner), and the one run that uses DNS runs
# in a network namespace of its own (unshare -n) whose only interface is its own loopback.
# Every child is killed after ATTACK_TIMEOUT seconds (10) or when it holds more than 1 GB.

import base64
import http.server
import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time

LIMIT_SECONDS = 2.0
LIMIT_BYTES = 200 * 1000 * 1000
TIMEOUT = float(os.environ.get("ATTACK_TIMEOUT", "10"))
MEMORY_KILL_BYTES = 1024 * 1024 * 1024
IP = "192.0.2.1"
CASE_ID = "6f2b0a52-3c1e-4d7a-9b8e-2f4c6a8e0d11"


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def rss_of_group(pid):
    """The largest resident size (bytes) of @pid and its children."""
    pids = [pid]
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as children:
            pids += [int(p) for p in children.read().split()]
    except OSError:
        pass
    largest = 0
    for p in pids:
        try:
            with open("/proc/%d/status" % p) as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        largest = max(largest, int(line.split()[1]) * 1024)
        except (OSError, ValueError):
            pass
    return largest


def measure(argv, env, cwd=None):
    """Runs argv; returns a dict: wall (s), rss (bytes), status (exit code, -signal), ended
    ("exit", "timeout", "memory"), out, err. The peak memory is GNU time's %M: the child of a
    small process, since a child forked from this (large) Python would count its memory too."""
    out_file = tempfile.TemporaryFile()
    err_file = tempfile.TemporaryFile()
    rss_file = tempfile.NamedTemporaryFile(prefix="dh-attack-rss-")
    if TIME:
        argv = [TIME, "-f", "%M %x", "-o", rss_file.name] + list(argv)
    start = time.monotonic()
    process = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_file,
                               stderr=err_file, start_new_session=True)
    ended = ["exit"]
    seen = [0]   # the largest resident size seen, for a child killed before it could say
    done = threading.Event()

    def watch():
        # Kills the child's process group on time-out, or when it holds more than 1 GB.
        while not done.wait(0.02):
            seen[0] = max(seen[0], rss_of_group(process.pid))
            if time.monotonic() - start > TIMEOUT:
                ended[0] = "timeout"
            elif seen[0] > MEMORY_KILL_BYTES:
                ended[0] = "memory"
            if ended[0] != "exit":
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except OSError:
                    pass
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, wait_status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    done.set()
    watcher.join()
    process.returncode = os.waitstatus_to_exitcode(wait_status)
    # Anything the child left in its group (it starts none) goes too.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    out_file.seek(0)
    err_file.seek(0)
    # Without GNU time, or for a child killed before it could say: what the watch saw.
    rss = seen[0] if TIME else max(usage.ru_maxrss * 1024, seen[0])
    if TIME:
        # "KB STATUS"; GNU time says "Command terminated by signal N" first when it was.
        words = open(rss_file.name).read().split()
        if len(words) >= 2 and ended[0] == "exit":
            rss = max(int(words[-2]) * 1024, seen[0])
            if "signal" in words:
                process.returncode = -int(words[words.index("signal") + 1])
            else:
                process.returncode = int(words[-1])
    rss_file.close()
    return {"wall": wall, "rss": rss, "status": process.returncode,
            "ended": ended[0], "out": out_file.read().decode("utf-8", "replace"),
            "err": err_file.read().decode("utf-8", "replace")}


# --- the loopback RDAP server -----------------------------------------------------------------

def rdap_object(handle, name, extra=""):
    return ('{"objectClassName": "ip network", "rdapConformance": ["rdap_level_0"], '
            '"handle": "%s", "startAddress": "192.0.2.0", "endAddress": "192.0.2.255", '
            '"ipVersion": "v4", "name": "%s", "country": "JP"%s}' % (handle, name, extra))


class Rdap(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    other_port = 0   # the second server, the target of the cross-port redirect

    def log_message(self, *args):
        pass

    def send_body(self, chunks, length):
        self.send_response(200)
        self.send_header("Content-Type", "application/rdap+json")
        self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        kind = self.path.strip("/").split("/")[0]
        if kind == "deep":
            depth = 100000
            body = rdap_object("NET-DEEP", "DEEP", ', "remarks": ' + "[" * depth + "]" * depth).encode()
            self.send_body([body], len(body))
        elif kind == "remark":
            line = "a" * (5500 * 1000)
            body = rdap_object("NET-REMARK", "REMARK",
                               ', "remarks": [{"title": "contact", "description": ["%s"]}]' % line).encode()
            self.send_body([body], len(body))
        elif kind == "huge":
            head = rdap_object("NET-HUGE", "HUGE", ', "remarks": [')[:-1].encode()
            item = b'{"description": ["x"]},'
            count = (200 * 1000 * 1000) // len(item)
            last = b'{"description": ["x"]}]}'
            block = item * 40000

            def chunks():
                yield head
                left = count
                while left > 0:
                    n = min(left, 40000)
                    yield block if n == 40000 else item * n
                    left -= n
                yield last
            self.send_body(chunks(), len(head) + count * len(item) + len(last))
        elif kind == "redirect":
            self.redirect("http://127.0.0.1:%d/target/ip/%s" % (Rdap.other_port, IP))
        elif kind == "loop":
            self.redirect("http://127.0.0.1:%d%s" % (self.server.server_address[1], self.path))
        elif kind == "target":
            body = rdap_object("NET-FOLLOWED", "FOLLOWED-REDIRECT-TO-LOOPBACK").encode()
            self.send_body([body], len(body))
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


def start_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Rdap)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- the hostile inputs -----------------------------------------------------------------------

def nested_message(depth):
    parts = ["From: a@example.jp\nTo: b@example.jp\nSubject: nested\nMIME-Version: 1.0\n"]
    level = "Content-Type: message/rfc822\n\n"
    return ("".join(parts) + level + ("MIME-Version: 1.0\n" + level) * (depth - 1) +
            "Subject: innermost\n\nhello\n").encode()


def html_message(size):
    comment = "<!--" * (size // 4) + ">"
    return ("From: a@example.jp\nTo: b@example.jp\nSubject: html\nMIME-Version: 1.0\n"
            "Content-Type: text/html; charset=us-ascii\n\n" + comment + "\n").encode()


def bounce_message(nuls, base64_body=False):
    """A bounce as Postfix words it (one text/plain part): Outlook refused 203.0.113.45 for its
    block list. With @nuls, NUL bytes in the body before the diagnostic; with @base64_body, the
    body base64-encoded (the NULs then come from decoding it)."""
    diagnostic = ("<user@outlook.jp>: host apc.olc.protection.outlook.com[52.101.128.3] said: 550\n"
                  "    5.7.1 Unfortunately, messages from [203.0.113.45] weren't sent. Please\n"
                  "    contact your Internet service provider since part of their network is on\n"
                  "    our block list (S3150). (in reply to MAIL FROM command)\n")
    body = ("This is the mail system at host mail.example.jp.\n\n" +
            ("\0" * 16 + "\n" + "\0 " * 64 + "\n\n" if nuls else "") +
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients.\n\n" + diagnostic).encode()
    headers = ("From: MAILER-DAEMON@mail.example.jp (Mail Delivery System)\n"
               "To: shop@example.jp\nSubject: Undelivered Mail Returned to Sender\n"
               "Date: Mon, 5 Jan 2026 10:00:00 +0900\nMIME-Version: 1.0\n"
               "Content-Type: text/plain; charset=us-ascii\n").encode()
    if base64_body:
        return headers + b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(body)
    return headers + b"\n" + body


def small_case():
    return json.dumps({"format": 1, "id": CASE_ID, "created": "2026-01-05T01:00:00Z",
                       "updated": "2026-01-05T01:00:00Z", "revision": 1, "input": "hello",
                       "report_index": None}).encode()


# --- checks -----------------------------------------------------------------------------------

def json_of(run):
    try:
        return json.loads(run["out"])
    except ValueError:
        return None


def first_line(text):
    text = text.strip()
    return text.splitlines()[0] if text else ""


def refused_or_done(run):
    """A command that ended by itself: with output, or refused with a message on stderr."""
    if run["status"] == 0:
        return True, "ended normally"
    if run["status"] > 0 and first_line(run["err"]):
        return True, "refused: " + first_line(run["err"])[:100]
    return False, "exit %d with no message" % run["status"]


def check_owner(run, followed_is_failure=False):
    root = json_of(run)
    if root is None:
        return refused_or_done(run) if run["status"] > 0 else (False, "no JSON on stdout")
    if followed_is_failure and "FOLLOWED-REDIRECT-TO-LOOPBACK" in run["out"]:
        return False, "followed the redirect to 127.0.0.1"
    error = root.get("owner_error")
    if isinstance(error, dict) and error.get("message"):
        return True, "refused: " + error["message"][:100]
    if root.get("owner"):
        return True, "owner found"
    return False, "neither an owner nor a message"


def check_analysis(run):
    root = json_of(run)
    if root is None:
        return refused_or_done(run) if run["status"] > 0 else (False, "no JSON on stdout")
    return True, "%d report(s)" % len(root.get("reports", []))


def verdict_of(run):
    root = json_of(run)
    if not root or not root.get("reports"):
        return None
    report = root["reports"][0]
    return (report.get("is_block"), report.get("system"), report.get("kind"), report.get("blocked_ip"))


def problem_for(run, file_name):
    root = json_of(run)
    if root is None:
        return None
    for problem in root.get("problems", []):
        if problem.get("file") == file_name:
            return problem
    return None


def check_problem(file_name, kinds):
    def check(run):
        problem = problem_for(run, file_name)
        if problem is None:
            return False, "no problem reported for %s" % file_name
        if problem.get("kind") not in kinds or not problem.get("message"):
            return False, "reported as %s" % problem.get("kind")
        return True, "%s: %s" % (problem["kind"], problem["message"][:100])
    return check


# --- running ----------------------------------------------------------------------------------

class Runner:
    def __init__(self, build, work):
        self.build = build
        self.binary = os.path.join(build, "src", "delist-helper")
        self.work = work
        self.results = []
        self.serial = 0

    def env(self, **extra):
        self.serial += 1
        home = os.path.join(self.work, "home-%d" % self.serial)
        for sub in ("data", "cache", "config"):
            os.makedirs(os.path.join(home, sub))
        env = {k: v for k, v in os.environ.items()
               if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
               and not k.startswith("DH_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.update({"HOME": home, "XDG_DATA_HOME": os.path.join(home, "data"),
                    "XDG_CACHE_HOME": os.path.join(home, "cache"),
                    "XDG_CONFIG_HOME": os.path.join(home, "config"),
                    "LANGUAGE": "en", "LANG": "C.UTF-8", "GIO_USE_PROXY_RESOLVER": "dummy",
                    "GSETTINGS_BACKEND": "memory",
                    "GSETTINGS_SCHEMA_DIR": os.path.join(self.build, "data")})
        env.pop("LC_ALL", None)
        env.update(extra)
        return env

    def cases_dir(self, env):
        path = os.path.join(env["XDG_DATA_HOME"], "delist-helper", "cases")
        os.makedirs(path, mode=0o700)
        return path

    def report(self, name, run, check):
        if run is None:
            self.results.append("SKIP")
            print("%-44s SKIP  %s" % (name, check), flush=True)
            return
        problems = []
        if run["ended"] == "timeout":
            problems.append("killed after %.0f s" % TIMEOUT)
        elif run["ended"] == "memory":
            problems.append("killed above 1 GB")
        elif run["status"] < 0:
            problems.append("crashed (%s)" % signal.Signals(-run["status"]).name)
        if run["wall"] > LIMIT_SECONDS:
            problems.append("over 2 s")
        if run["rss"] > LIMIT_BYTES:
            problems.append("over 200 MB")
        ok, note = (False, "") if problems else check(run)
        verdict = "PASS" if ok and not problems else "FAIL"
        self.results.append(verdict)
        status = {"timeout": "timeout", "memory": "killed"}.get(run["ended"], str(run["status"]))
        print("%-44s %7.2f s %8.1f MB  exit %-7s %s  %s" %
              (name, run["wall"], run["rss"] / 1e6, status, verdict,
               "; ".join(problems + ([note] if note else []))), flush=True)

    def cli(self, env, *args):
        return measure([self.binary] + list(args), env)


def in_netns(argv):
    """Inside `unshare -mn`: bring up this namespace's own loopback, point /etc/resolv.conf at
    127.0.0.1 (a server that never answers, or none), run the command, print the measure as JSON."""
    mode, rest = argv[0], argv[1:]
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    work = tempfile.mkdtemp(prefix="dh-netns-")
    resolv = os.path.join(work, "resolv.conf")
    with open(resolv, "w") as f:
        f.write("nameserver 127.0.0.1\noptions timeout:5 attempts:2\n")
    subprocess.run(["mount", "--bind", resolv, "/etc/resolv.conf"], check=True)
    if mode == "silent":
        # Swallows every query: each lookup waits for its time-out.
        for family, kind in ((socket.AF_INET, socket.SOCK_DGRAM), (socket.AF_INET, socket.SOCK_STREAM)):
            sock = socket.socket(family, kind)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 53))
            if kind == socket.SOCK_STREAM:
                sock.listen(64)
            else:
                threading.Thread(target=lambda s=sock: [s.recvfrom(4096) for _ in iter(int, 1)],
                                 daemon=True).start()
    run = measure(rest, dict(os.environ))
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(run))


def dns_attack(runner, mode):
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return None, "needs unshare and ip (util-linux, iproute2)"
    env = runner.env()
    probe = subprocess.run(["unshare", "-mn", "true"], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if probe.returncode != 0:
        return None, "cannot make a network namespace (unshare -mn needs root or user namespaces)"
    outer = measure(["unshare", "-mn", sys.executable, os.path.abspath(__file__), "--in-netns", mode,
                     runner.binary, "--check-ip", IP], env)
    try:
        return json.loads(outer["out"].strip().splitlines()[-1]), ""
    except (ValueError, IndexError):
        outer["out"] = ""
        return outer, ""


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--in-netns":
        in_netns(sys.argv[2:])
        return 0
    if len(sys.argv) != 2:
        print("usage: sh tests/attacks.sh BUILD_DIR", file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    if not os.access(os.path.join(build, "src", "delist-helper"), os.X_OK):
        print("attacks: %s/src/delist-helper is missing; build it first (ninja -C %s)" % (build, build),
              file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="dh-attacks-")
    runner = Runner(build, work)
    server = start_server()
    other = start_server()
    Rdap.other_port = other.server_address[1]
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    print("attacks on %s (each: at most %.0f s and %.0f MB, or refused with a message)" %
          (runner.binary, LIMIT_SECONDS, LIMIT_BYTES / 1e6), flush=True)
    try:
        # 1. Every DNS lookup failing: no server answers, or one that never does.
        for mode, label in (("refused", "1 check-ip, DNS server unreachable"),
                            ("silent", "1 check-ip, DNS server never answers")):
            run, why = dns_attack(runner, mode)
            runner.report(label, run, why or check_owner_or_done)

        # 2. A message nested 100,000 deep.
        path = os.path.join(work, "nested.eml")
        with open(path, "wb") as f:
            f.write(nested_message(100000))
        runner.report("2 analyze rfc822 nested 100,000 deep", runner.cli(runner.env(), "--analyze", path),
                      check_analysis)

        # 3. A case file nested 100,000 deep; an RDAP answer nested 100,000 deep.
        env = runner.env()
        with open(os.path.join(runner.cases_dir(env), CASE_ID + ".json"), "wb") as f:
            f.write(b'{"format": 1, "id": "' + CASE_ID.encode() + b'", "x": ' +
                    b"[" * 100000 + b"]" * 100000 + b"}")
        runner.report("3 list-cases, case nested 100,000 deep", runner.cli(env, "--list-cases"),
                      check_problem(CASE_ID + ".json", ("corrupt",)))
        runner.report("3 check-ip, RDAP nested 100,000 deep",
                      runner.cli(runner.env(DH_RDAP_BASE_URL=base + "deep/", DH_CHECK_IP_PARTS="owner"),
                                 "--check-ip", IP), check_owner)

        # 4. A 5.5 MB remark line without '@'; a 200 MB answer of many small objects.
        runner.report("4 check-ip, RDAP 5.5 MB remark line",
                      runner.cli(runner.env(DH_RDAP_BASE_URL=base + "remark/", DH_CHECK_IP_PARTS="owner"),
                                 "--check-ip", IP), check_owner)
        runner.report("4 check-ip, RDAP 200 MB of small objects",
                      runner.cli(runner.env(DH_RDAP_BASE_URL=base + "huge/", DH_CHECK_IP_PARTS="owner"),
                                 "--check-ip", IP), check_owner)

        # 5. "<!--" × N + ">" (8 MB) in a text/html part.
        path = os.path.join(work, "comments.eml")
        with open(path, "wb") as f:
            f.write(html_message(8 * 1000 * 1000))
        runner.report("5 analyze 8 MB of <!-- in text/html", runner.cli(runner.env(), "--analyze", path),
                      check_analysis)

        # 6. NUL bytes in a MIME body: the verdict is still the block.
        clean = os.path.join(work, "bounce.eml")
        with open(clean, "wb") as f:
            f.write(bounce_message(False))
        baseline = verdict_of(runner.cli(runner.env(), "--analyze", clean))

        def check_nul(run):
            verdict = verdict_of(run)
            if baseline is None or not baseline[0]:
                return False, "the message without NULs is not read as a block either: %r" % (baseline,)
            if verdict != baseline:
                return False, "verdict %r, without NULs %r" % (verdict, baseline)
            return True, "still the block: %s/%s %s" % (verdict[1], verdict[2], verdict[3])
        for base64_body, label in ((False, "6 analyze NUL bytes in the MIME body"),
                                   (True, "6 analyze NUL bytes in a base64 body")):
            path = os.path.join(work, "bounce-nul.eml")
            with open(path, "wb") as f:
                f.write(bounce_message(True, base64_body))
            runner.report(label, runner.cli(runner.env(), "--analyze", path), check_nul)

        # 7. <id>.json a link to /dev/zero; a FIFO.
        env = runner.env()
        os.symlink("/dev/zero", os.path.join(runner.cases_dir(env), CASE_ID + ".json"))
        runner.report("7 list-cases, case is a link to /dev/zero", runner.cli(env, "--list-cases"),
                      check_problem(CASE_ID + ".json", ("unreadable",)))
        env = runner.env()
        os.mkfifo(os.path.join(runner.cases_dir(env), CASE_ID + ".json"), 0o600)
        runner.report("7 list-cases, case is a FIFO", runner.cli(env, "--list-cases"),
                      check_problem(CASE_ID + ".json", ("unreadable",)))
        env = runner.env()
        os.mkfifo(os.path.join(runner.cases_dir(env), CASE_ID + ".json"), 0o600)
        runner.report("7 export-case, case is a FIFO", runner.cli(env, "--export-case", CASE_ID),
                      refused_or_done_nonzero)

        # 8. `cases` a link to a shared folder: its mode stays, and the list says so.
        env = runner.env()
        shared = os.path.join(work, "shared-%d" % runner.serial)
        os.makedirs(shared)
        os.chmod(shared, 0o1777)
        with open(os.path.join(shared, CASE_ID + ".json"), "wb") as f:
            f.write(small_case())
        os.makedirs(os.path.join(env["XDG_DATA_HOME"], "delist-helper"))
        os.symlink(shared, os.path.join(env["XDG_DATA_HOME"], "delist-helper", "cases"))
        run = runner.cli(env, "--list-cases")

        def check_link(run):
            mode = stat.S_IMODE(os.stat(shared).st_mode)
            if mode != 0o1777:
                return False, "the shared folder's mode changed to %o" % mode
            ok, note = check_problem("cases", ("folder-link",))(run)
            return ok, ("mode 1777 kept; " + note) if ok else "mode 1777 kept, but " + note
        runner.report("8 list-cases, cases links to a shared dir", run, check_link)

        # 9. An RDAP redirect to http://127.0.0.1:PORT/; a redirect loop.
        runner.report("9 check-ip, RDAP redirect to 127.0.0.1:PORT",
                      runner.cli(runner.env(DH_RDAP_BASE_URL=base + "redirect/", DH_CHECK_IP_PARTS="owner"),
                                 "--check-ip", IP), lambda run: check_owner(run, followed_is_failure=True))
        runner.report("9 check-ip, RDAP redirect loop",
                      runner.cli(runner.env(DH_RDAP_BASE_URL=base + "loop/", DH_CHECK_IP_PARTS="owner"),
                                 "--check-ip", IP), check_owner_error)

        # 10. A temporary file an interrupted save left, a second old: gone after the next start.
        env = runner.env()
        cases = runner.cases_dir(env)
        with open(os.path.join(cases, CASE_ID + ".json"), "wb") as f:
            f.write(small_case())
        leftover = os.path.join(cases, CASE_ID + ".json.Ab12Cd")
        with open(leftover, "wb") as f:
            f.write(small_case()[:20])
        run = runner.cli(env, "--list-cases")

        def check_leftover(run):
            if os.path.exists(leftover):
                return False, "the leftover temporary file is still there"
            root = json_of(run)
            if not root or len(root.get("cases", [])) != 1:
                return False, "the case is not listed"
            return True, "leftover removed, the case listed"
        runner.report("10 list-cases, leftover temporary file", run, check_leftover)
    finally:
        server.shutdown()
        other.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    passed = runner.results.count("PASS")
    failed = runner.results.count("FAIL")
    skipped = runner.results.count("SKIP")
    print("attacks: %d passed, %d failed, %d skipped of %d" % (passed, failed, skipped, len(runner.results)))
    return 1 if failed else 0


def check_owner_or_done(run):
    root = json_of(run)
    if root is None:
        return refused_or_done(run) if run["status"] > 0 else (False, "no JSON on stdout")
    return True, "ended with %s" % ", ".join(sorted(k for k in root if k != "address"))


def check_owner_error(run):
    root = json_of(run)
    if root is not None and isinstance(root.get("owner_error"), dict) and root["owner_error"].get("message"):
        return True, "refused: " + root["owner_error"]["message"][:100]
    return False, "no owner_error with a message"


def refused_or_done_nonzero(run):
    if run["status"] > 0 and first_line(run["err"]):
        return True, "refused: " + first_line(run["err"])[:100]
    return False, "exit %d, stderr %r" % (run["status"], first_line(run["err"])[:60])


if __name__ == "__main__":
    sys.exit(main())
