#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# make-timezone-aliases.py: writes timezone-aliases.tsv, the names that timezones.tsv does not list.
#
# Usage: make-timezone-aliases.py timezones.tsv /usr/share/zoneinfo/tzdata.zi > timezone-aliases.tsv
#
# timezones.tsv lists IANA ids in the CLDR spelling (windowsZones.xml), which keeps old names
# (Asia/Calcutta, Europe/Kiev). A system reports the modern tzdb name (Asia/Kolkata, Europe/Kyiv)
# or a backward link (Japan, UTC, US/Eastern). Each such name is resolved here to the one CLDR
# spelling that timezones.tsv lists: first through the table of windows-timezones.md (modern name
# -> CLDR spelling), then by following the tzdb links (tzdata.zi "L target name" lines).
import sys

# windows-timezones.md, "Choosing the row": modern tzdb id -> CLDR spelling in the TSV.
# UTC and its spellings go to Etc/UTC (Windows "UTC", "(UTC) Coordinated Universal Time").
EXPLICIT = {
    'Asia/Kolkata': 'Asia/Calcutta',
    'Asia/Kathmandu': 'Asia/Katmandu',
    'Asia/Yangon': 'Asia/Rangoon',
    'Asia/Ho_Chi_Minh': 'Asia/Saigon',
    'Europe/Kyiv': 'Europe/Kiev',
    'America/Nuuk': 'America/Godthab',
    'America/Argentina/Buenos_Aires': 'America/Buenos_Aires',
    'America/Argentina/Catamarca': 'America/Catamarca',
    'America/Argentina/Cordoba': 'America/Cordoba',
    'America/Argentina/Jujuy': 'America/Jujuy',
    'America/Argentina/Mendoza': 'America/Mendoza',
    'America/Indiana/Indianapolis': 'America/Indianapolis',
    'America/Kentucky/Louisville': 'America/Louisville',
    'America/Atikokan': 'America/Coral_Harbour',
    'Atlantic/Faroe': 'Atlantic/Faeroe',
    'Africa/Asmara': 'Africa/Asmera',
    'Pacific/Chuuk': 'Pacific/Truk',
    'Pacific/Pohnpei': 'Pacific/Ponape',
    'Pacific/Kanton': 'Pacific/Enderbury',
    'UTC': 'Etc/UTC',
    'Etc/UCT': 'Etc/UTC',
    'Etc/Universal': 'Etc/UTC',
    'Etc/Zulu': 'Etc/UTC',
    'UCT': 'Etc/UTC',
    'Universal': 'Etc/UTC',
    'Zulu': 'Etc/UTC',
    'GMT': 'Etc/UTC',
    'GMT0': 'Etc/UTC',
    'GMT+0': 'Etc/UTC',
    'GMT-0': 'Etc/UTC',
    'Greenwich': 'Etc/UTC',
    'Etc/GMT0': 'Etc/UTC',
    'Etc/GMT+0': 'Etc/UTC',
    'Etc/GMT-0': 'Etc/UTC',
    'Etc/Greenwich': 'Etc/UTC',
    # The POSIX-style names; tzdb 2024b made them links to these zones.
    'CET': 'Europe/Brussels',
    'MET': 'Europe/Brussels',
    'EET': 'Europe/Athens',
    'WET': 'Europe/Lisbon',
    'EST': 'America/Panama',
    'MST': 'America/Phoenix',
    'HST': 'Pacific/Honolulu',
    'EST5EDT': 'America/New_York',
    'CST6CDT': 'America/Chicago',
    'MST7MDT': 'America/Denver',
    'PST8PDT': 'America/Los_Angeles',
}


def main():
    tsv_path, zi_path = sys.argv[1:3]
    listed = {}
    version = '?'
    with open(tsv_path, encoding='utf-8') as tsv:
        header = tsv.readline().rstrip('\n').split('\t')
        col_win, col_iana = header.index('windows_id'), header.index('iana_ids')
        for line in tsv:
            cols = line.rstrip('\n').split('\t')
            if cols[col_iana] != '-':
                for iana in cols[col_iana].split():
                    listed[iana] = cols[col_win]

    names, links = [], {}
    with open(zi_path, encoding='utf-8') as zi:
        for line in zi:
            if line.startswith('# version'):
                version = line.split()[2]
            parts = line.split()
            if line.startswith('Z '):
                names.append(parts[1])
            elif line.startswith('L '):
                links[parts[2]] = parts[1]
                names.append(parts[2])
    names += EXPLICIT.keys()

    def resolve(name, depth=0):
        if name in listed:
            return name
        if depth > 8:
            return None
        if name in EXPLICIT:
            return resolve(EXPLICIT[name], depth + 1)
        if name in links:
            return resolve(links[name], depth + 1)
        return None

    out = {}
    for name in names:
        if name in listed:
            continue
        target = resolve(name)
        if target is not None:
            out[name] = target

    print('# SPDX-License-Identifier: GPL-3.0-or-later')
    print('# timezone-aliases.tsv: IANA names that timezones.tsv does not list -> the CLDR spelling it does.')
    print('# Made by make-timezone-aliases.py from timezones.tsv, the table in windows-timezones.md and')
    print('# tzdb %s links (Debian tzdata.zi). Not mapped: Antarctica/Troll (CLDR has no Windows zone), Factory.' % version)
    print('alias\tcldr_id')
    for name in sorted(out):
        print('%s\t%s' % (name, out[name]))


main()
