#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every user-visible string is marked for translation.

ui/**/*.ui: each <property> named label, title, subtitle, tooltip-text, description,
placeholder-text or text (accessibility properties included), each <attribute name="label"> and
each <item> with a text of its own has translatable="yes", unless the value is empty or has no
letters, or a comment "<!-- not translatable: … -->" stands immediately before the element.

src/gui/**/*.c, src/cli/**/*.c, src/net/**/*.c: a string literal passed directly as the text
argument of the functions below is wrapped in _( ), N_( ), C_( ) or ngettext( ), unless it has no
letters. In src/net, whose errors the user reads, the message of a GError is checked too.

Prints each offender as file:line and fails if there is any. Usage: check-marked-strings.py SRCDIR
"""
import os
import re
import sys

UI_PROPERTIES = {'label', 'title', 'subtitle', 'tooltip-text', 'description', 'placeholder-text', 'text'}

# Function → the (0-based) positions of its text arguments.
TEXT_ARGS = {
    'gtk_label_new': [0],
    'gtk_label_set_text': [1],
    'gtk_label_set_markup': [1],
    'gtk_button_new_with_label': [0],
    'gtk_button_new_with_mnemonic': [0],
    'gtk_button_set_label': [1],
    'adw_preferences_row_set_title': [1],
    'adw_action_row_set_subtitle': [1],
    'adw_preferences_group_set_title': [1],
    'adw_preferences_group_set_description': [1],
    'adw_status_page_set_title': [1],
    'adw_status_page_set_description': [1],
    'adw_toast_new': [0],
    'gtk_widget_set_tooltip_text': [1],
    'dh_copy_row_new': [0],
    'dh_page_set_title': [1],
    'dh_page_label_new': [0],
    'dh_links_button_new': [0],
    'adw_message_dialog_new': [1, 2],
    'g_printerr': [0],
}

# The messages of GErrors: in src/net only (the core's errors are for developers).
ERROR_ARGS = {
    'g_set_error': [3],
    'g_set_error_literal': [3],
    'g_error_new': [2],
    'g_error_new_literal': [2],
    'g_task_return_new_error': [3],
}

NOT_TRANSLATABLE = re.compile(r'<!--\s*not translatable:(?:(?!-->).)*-->\s*$', re.S)


def has_letters(text):
    return any(c.isalpha() for c in text)


def line_of(text, pos):
    return text.count('\n', 0, pos) + 1


def check_ui(path, rel, offenders):
    text = open(path, encoding='utf-8').read()
    elements = [
        # <property name="label" …>value</property>
        re.compile(r'<property\s+name="(?P<name>[^"]+)"(?P<attrs>[^>]*)>(?P<value>[^<]*)</property>'),
        # <attribute name="label" …>value</attribute> (menus)
        re.compile(r'<attribute\s+name="(?P<name>label)"(?P<attrs>[^>]*)>(?P<value>[^<]*)</attribute>'),
        # <item …>value</item> (string lists, combo box texts)
        re.compile(r'<item(?P<name>)(?P<attrs>(?:\s[^>]*)?)>(?P<value>[^<]*)</item>'),
    ]
    for pattern in elements:
        for m in pattern.finditer(text):
            if pattern is elements[0] and m.group('name') not in UI_PROPERTIES:
                continue
            value = m.group('value').strip()
            if not value or not has_letters(value):
                continue
            if re.search(r'\btranslatable\s*=\s*"(yes|true|1)"', m.group('attrs')):
                continue
            if NOT_TRANSLATABLE.search(text[:m.start()]):
                continue
            offenders.append('%s:%d: not marked translatable: %s' % (rel, line_of(text, m.start()), m.group(0)))


def strip_comments(code):
    """C comments become spaces (newlines kept), so positions and line numbers stay."""
    out = []
    i = 0
    n = len(code)
    while i < n:
        c = code[i]
        if code.startswith('/*', i):
            j = code.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', code[i:j]))
            i = j
        elif code.startswith('//', i):
            j = code.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and code[j] != c:
                j += 2 if code[j] == '\\' else 1
            out.append(code[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def split_args(code, start):
    """The arguments of the call whose '(' is at @start: a list of (text, position)."""
    args = []
    depth = 0
    i = start + 1
    arg_start = i
    n = len(code)
    while i < n:
        c = code[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and code[j] != c:
                j += 2 if code[j] == '\\' else 1
            i = j + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                args.append((code[arg_start:i], arg_start))
                return args
            depth -= 1
        elif c == ',' and depth == 0:
            args.append((code[arg_start:i], arg_start))
            arg_start = i + 1
        i += 1
    return args


LITERAL = re.compile(r'^\s*(?:"(?:[^"\\]|\\.)*"\s*)+$', re.S)


def check_c(path, rel, offenders, text_args=TEXT_ARGS):
    code = strip_comments(open(path, encoding='utf-8').read())
    call = re.compile(r'\b(%s)\s*\(' % '|'.join(sorted(text_args, key=len, reverse=True)))
    for m in call.finditer(code):
        args = split_args(code, m.end() - 1)
        for index in text_args[m.group(1)]:
            if index >= len(args):
                continue
            arg, pos = args[index]
            if not LITERAL.match(arg):
                continue  # a variable, a call (such as _( ) or g_strdup_printf (_( ), …)), a macro
            value = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', arg))
            # Escapes and printf conversions ("%s", "%1$u") are not words.
            value = re.sub(r'\\.', '', value)
            value = re.sub(r'%(?:\d+\$)?[-+ #0\']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]', '', value)
            if not has_letters(value):
                continue
            offenders.append('%s:%d: %s: literal not wrapped in _( ): %s'
                             % (rel, line_of(code, pos + len(arg) - len(arg.lstrip())), m.group(1), arg.strip()))


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    offenders = []
    checked = 0
    check_net = lambda path, rel, offenders: check_c(path, rel, offenders, {**TEXT_ARGS, **ERROR_ARGS})
    for top, suffix, check in (('ui', '.ui', check_ui), ('src/gui', '.c', check_c), ('src/cli', '.c', check_c),
                               ('src/net', '.c', check_net)):
        for dirpath, dirnames, filenames in os.walk(os.path.join(src, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(suffix):
                    path = os.path.join(dirpath, name)
                    check(path, os.path.relpath(path, src), offenders)
                    checked += 1
    for o in offenders:
        print(o)
    if checked == 0:
        print('no files checked under %s' % src)
        return 1
    print('%d files checked, %d unmarked strings' % (checked, len(offenders)))
    return 1 if offenders else 0


if __name__ == '__main__':
    sys.exit(main())
