#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The Flatpak manifests, checked without building them (the GNOME runtime is not reachable here):
# valid JSON, the GNOME runtime, GMime built without its crypto parts, network for the online check
# and no file-system access, translations kept with the app, the same meson options as the Debian
# build, the profile's app id. Usage: check-flatpak.py SOURCE-ROOT
import json
import re
import shlex
import sys
from pathlib import Path

root = Path(sys.argv[1])
base_id = "io.github.delisthelper.DelistHelper"
problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


meson = (root / "meson.build").read_text()
gmime_floor = re.search(r"^gmime_floor = '([0-9.]+)'", meson, re.M).group(1)
options = (root / "meson_options.txt").read_text()
known_options = set(re.findall(r"option\('([a-z_-]+)'", options))

# dh_auto_configure -- OPTIONS in debian/rules: the options the Debian package is built with.
rules = (root / "debian" / "rules").read_text()
debian_opts = shlex.split(re.search(r"dh_auto_configure -- (.*)", rules).group(1))


def version_tuple(text):
    return tuple(int(x) for x in text.split("."))


def check_manifest(name, app_id, profile):
    path = root / "build-aux" / name
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        problems.append(f"{name}: {e}")
        return None
    check(manifest.get("id") == app_id, f"{name}: id is {manifest.get('id')}, not {app_id}")
    check(manifest.get("runtime") == "org.gnome.Platform", f"{name}: runtime is not org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", f"{name}: sdk is not org.gnome.Sdk")
    check(manifest.get("command") == "delist-helper", f"{name}: command is not delist-helper")
    check(manifest.get("separate-locales") is False,
          f"{name}: separate-locales must be false (the in-app language switch needs every catalogue)")
    args = manifest.get("finish-args", [])
    check("--share=network" in args, f"{name}: no --share=network (the online check)")
    for arg in args:
        check(not arg.startswith(("--filesystem", "--persist")),
              f"{name}: {arg}: no file-system access (files come through the portals)")
        check(arg not in ("--socket=session-bus", "--socket=system-bus", "--device=all", "--share=all"),
              f"{name}: {arg} is more than the app needs")
        check(not arg.startswith(("--talk-name", "--system-talk-name", "--own-name")),
              f"{name}: {arg}: notifications and files go through the portals")
    modules = manifest.get("modules", [])
    check(len(modules) == 2, f"{name}: expected two modules (gmime, delist-helper)")
    if len(modules) != 2:
        return manifest
    gmime, app = modules
    check(gmime.get("name") == "gmime", f"{name}: the first module is not gmime")
    check("--disable-crypto" in gmime.get("config-opts", []), f"{name}: GMime is built with its crypto parts")
    for source in gmime.get("sources", []):
        check(source.get("type") == "archive" and re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")),
              f"{name}: GMime's source is not an archive with a sha256")
        m = re.search(r"gmime-([0-9.]+)\.tar", source.get("url", ""))
        check(m is not None and version_tuple(m.group(1)) >= version_tuple(gmime_floor),
              f"{name}: GMime older than the floor {gmime_floor} in meson.build")
    check(app.get("name") == "delist-helper" and app.get("buildsystem") == "meson",
          f"{name}: the last module is not delist-helper built with meson")
    opts = app.get("config-opts", [])
    for opt in opts:
        m = re.fullmatch(r"-D([a-z_-]+)=.*", opt)
        check(m is not None and m.group(1) in known_options, f"{name}: {opt} is not an option of meson_options.txt")
    check(f"-Dprofile={profile}" in opts, f"{name}: not built with -Dprofile={profile}")
    return manifest


release = check_manifest(f"{base_id}.json", base_id, "default")
devel = check_manifest(f"{base_id}.Devel.json", f"{base_id}.Devel", "development")

if release and len(release.get("modules", [])) == 2:
    opts = release["modules"][1].get("config-opts", [])
    check(opts == debian_opts,
          f"the release manifest's meson options {opts} are not debian/rules' {debian_opts}")
    source = release["modules"][1].get("sources", [{}])[0]
    version = re.search(r"^  version: '([^']+)'", meson, re.M).group(1)
    check(source.get("tag") == f"v{version}", f"the release manifest does not build the tag v{version}")
if release and devel:
    for key in ("runtime", "runtime-version", "sdk", "finish-args", "separate-locales"):
        check(release.get(key) == devel.get(key), f"the manifests differ in {key}")
    check(release["modules"][0] == devel["modules"][0], "the manifests build GMime differently")

for p in problems:
    print(p)
if not problems:
    print("Flatpak manifests: release and Devel checked (not built: the runtime is not reachable here)")
sys.exit(1 if problems else 0)
