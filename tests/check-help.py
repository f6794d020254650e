#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-help.py: the user guide (help/<lang>/index.html) exists in English and Japanese with the
# same sections in the same order, and every link and image in it resolves to a file that
# help/meson.build installs (or, for web links, is the project's own page).
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
help_dir = root / "help"
meson = (help_dir / "meson.build").read_text()
figures = re.search(r"foreach figure : \[([^\]]*)\]", meson).group(1)
installed_figures = {name.strip(" '") for name in figures.split(",")}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections = []
        self.refs = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h2" and "id" in attrs:
            self.sections.append(attrs["id"])
        for name in ("href", "src"):
            if name in attrs:
                self.refs.append(attrs[name])


failures = []
pages = {}
for lang in ("en", "ja"):
    path = help_dir / lang / "index.html"
    if not path.is_file():
        failures.append(f"{path} is missing")
        continue
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    pages[lang] = page
    if page.lang != lang:
        failures.append(f"{path}: <html lang> is {page.lang!r}, not {lang!r}")
    for section in ("steps", "cases", "online-check"):
        if section not in page.sections:
            failures.append(f"{path}: no section {section!r}")
    for ref in page.refs:
        if ref.startswith("https://"):
            continue
        target = (path.parent / ref.split("#")[0]).resolve()
        if not target.is_file():
            failures.append(f"{path}: {ref} does not resolve")
        elif target.parent.name == "screenshots" or "/figures/" in ref:
            name = target.name.rsplit("-", 1)[0]
            if name not in installed_figures:
                failures.append(f"{path}: {ref} is not installed by help/meson.build")

if len(pages) == 2 and pages["en"].sections != pages["ja"].sections:
    failures.append(f"the sections differ: {pages['en'].sections} and {pages['ja'].sections}")

for failure in failures:
    print("not ok:", failure)
if failures:
    sys.exit(1)
print("ok: the guide in en and ja,", len(pages["en"].sections), "sections,",
      sum(len(p.refs) for p in pages.values()), "links and images")
