#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# One version everywhere a release names it: meson.build, the newest <release> of the metainfo (the
# release notes), the screenshot URLs (the tag, never a branch), debian/changelog, the man page;
# and COPYING holds the GPL-3.0 the sources name. Usage: check-release.py SOURCE-ROOT
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

root = Path(sys.argv[1])
problems = []
version = re.search(r"^  version: '([^']+)'", (root / "meson.build").read_text(), re.M).group(1)

metainfo = ET.parse(root / "data" / "io.github.delisthelper.DelistHelper.metainfo.xml.in").getroot()
releases = metainfo.findall("releases/release")
if not releases or releases[0].get("version") != version:
    problems.append(f"the newest <release> of the metainfo is not {version}")
elif releases[0].find("description") is None:
    problems.append(f"the <release> {version} has no description")
lang = "{http://www.w3.org/XML/1998/namespace}lang"
for image in metainfo.iter("image"):
    url = image.text.strip()
    if f"/v{version}/" not in url:
        problems.append(f"screenshot {url} does not point at the tag v{version}")
    if re.search(r"-ja\.png$", url) and image.get(lang) != "ja":
        problems.append(f"screenshot {url} is Japanese but has no xml:lang=\"ja\"")

changelog = (root / "debian" / "changelog").read_text().splitlines()[0]
if not changelog.startswith(f"delist-helper ({version}"):
    problems.append(f"debian/changelog starts with {changelog!r}, not version {version}")
if f'"Delist Helper {version}"' not in (root / "data" / "delist-helper.1").read_text():
    problems.append(f"the man page does not say Delist Helper {version}")
copying = (root / "COPYING").read_text()
if "GNU GENERAL PUBLIC LICENSE" not in copying or "Version 3, 29 June 2007" not in copying:
    problems.append("COPYING is not the GPL-3.0")

for p in problems:
    print(p)
if not problems:
    print(f"release {version}: meson.build, metainfo, screenshots, debian/changelog, man page, COPYING agree")
sys.exit(1 if problems else 0)
