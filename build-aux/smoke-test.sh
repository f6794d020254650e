#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Smoke test of an installed Delist Helper, as a new user meets it, in a fresh home: --version,
# --analyze on a sample, the Japanese catalogue, the settings schema, --list-cases, the man page,
# the installed desktop file, D-Bus service, metainfo and icon (as GTK finds it), the window started
# from the desktop file under Xvfb (D-Bus activation), the "time to send a test mail" notification
# of a case whose wait is over (received by a stand-in for GNOME Shell's service, about a minute),
# app.open-case starting the app again after it quit (that notification clicked later), and no
# warning on its error output.
# Usage: build-aux/smoke-test.sh PREFIX HOME   (PREFIX /usr for the package, HOME/.local for a user install)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
prefix=$1
home=$2
app_id=io.github.delisthelper.DelistHelper
fail () {
  echo "smoke-test.sh: FAILED: $*" >&2
  exit 1
}
# A fresh home, as a new user has; nothing from the build tree.
mkdir -p "$home"
export PATH="$prefix/bin:$PATH" HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
  XDG_CACHE_HOME="$home/.cache" LANG=C.UTF-8
unset GSETTINGS_SCHEMA_DIR DH_LOCALEDIR XDG_DATA_DIRS LANGUAGE 2>/dev/null || true
cd "$home"

version=$(delist-helper --version)
[ "$version" = "delist-helper $(sed -n "s/^  version: '\(.*\)',$/\1/p" "$src/meson.build")" ] ||
  fail "--version says \"$version\""
echo "ok --version: $version"

delist-helper --analyze "$src/tests/samples/exim-hotmail-s3150.eml" > analysis.json
python3 - analysis.json <<'PY' || fail "--analyze on exim-hotmail-s3150.eml"
import json, sys
r = json.load(open(sys.argv[1]))["reports"][0]
assert r["is_block"] and r["provider_code"] == "S3150" and r["blocked_ip"], r
PY
echo "ok --analyze finds the S3150 block"

LANGUAGE=ja delist-helper --help | grep -q "バージョンを表示して終了します" ||
  fail "the Japanese catalogue is not found (--help in Japanese)"
echo "ok the Japanese catalogue"

gsettings get $app_id ui-language > /dev/null || fail "the settings schema is not installed"
echo "ok the settings schema"

# A saved case, as the app writes it, for --list-cases and app.open-case below.
case_id=0f8fad5b-d9cb-469f-a165-70867728950e
mkdir -p -m 0700 "$XDG_DATA_HOME" "$XDG_DATA_HOME/delist-helper" "$XDG_DATA_HOME/delist-helper/cases"
python3 - "$src/tests/samples/exim-hotmail-s3150.eml" "$XDG_DATA_HOME/delist-helper/cases/$case_id.json" $case_id <<'PY'
import datetime, json, sys
# Microsoft answered "mitigated" three days ago: the 48-hour wait is over, a test mail is due.
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
def ago(hours):
    return (now - datetime.timedelta(hours=hours)).isoformat().replace("+00:00", "Z")
json.dump({"format": 1, "id": sys.argv[3], "created": ago(80), "updated": ago(72), "revision": 2,
           "step": "diagnosis", "input": open(sys.argv[1], encoding="utf-8").read(),
           "replies": [{"received": ago(72), "kind": "mitigated",
                        "text": "We have implemented mitigation for 203.0.113.45."}],
           "events": [{"time": ago(72), "kind": "wait-started"}],
           "wait_until": ago(24)}, open(sys.argv[2], "w"))
PY
chmod 0600 "$XDG_DATA_HOME/delist-helper/cases/$case_id.json"
delist-helper --list-cases > cases.json
python3 - cases.json $case_id <<'PY' || fail "--list-cases does not list the case as wait-over"
import json, sys
cases = json.load(open(sys.argv[1]))["cases"]
assert [(c["id"], c["state"]) for c in cases] == [(sys.argv[2], "wait-over")], cases
PY
echo "ok --list-cases"

man -w delist-helper > /dev/null || fail "no man page"
echo "ok the man page"

[ "$(command -v delist-helper)" = "$prefix/bin/delist-helper" ] || fail "delist-helper is not the one in $prefix/bin"
for f in "$prefix/share/applications/$app_id.desktop" "$prefix/share/dbus-1/services/$app_id.service" \
         "$prefix/share/metainfo/$app_id.metainfo.xml" "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg" \
         "$prefix/share/delist-helper/help/en/index.html" "$prefix/share/delist-helper/help/ja/index.html" \
         "$prefix/share/delist-helper/help/figures/start-en.png" "$prefix/share/delist-helper/help/figures/start-ja.png"; do
  [ -f "$f" ] || fail "$f is missing"
done

# The icon as GTK finds it, and the window started the way the desktop does: by the desktop file,
# which (DBusActivatable) asks D-Bus to start the app from its .service file.
cat > icon.c <<'C'
#include <gtk/gtk.h>
int
main (int argc, char **argv)
{
  gtk_init ();
  return gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()), argv[1]) ? 0 : 1;
}
C
cc -o icon icon.c $(pkg-config --cflags --libs gtk4) || fail "cannot build the icon check"

# GNOME Shell's side of notifications (org.gtk.Notifications), which GApplication uses when it is
# there: prints each notification's app id, id, title, action and target.
cat > notifications.c <<'C'
#include <gio/gio.h>
#include <stdio.h>
static void
method_call (GDBusConnection *bus, const char *sender, const char *path, const char *interface,
             const char *method, GVariant *parameters, GDBusMethodInvocation *invocation, gpointer data)
{
  if (g_str_equal (method, "AddNotification"))
    {
      const char *app_id, *id, *title = "", *action = "";
      GVariant *notification, *target;
      char *target_text;

      g_variant_get (parameters, "(&s&s@a{sv})", &app_id, &id, &notification);
      g_variant_lookup (notification, "title", "&s", &title);
      g_variant_lookup (notification, "default-action", "&s", &action);
      target = g_variant_lookup_value (notification, "default-action-target", NULL);
      target_text = target ? g_variant_print (target, FALSE) : g_strdup ("-");
      g_print ("%s %s %s %s %s\n", app_id, id, action, target_text, title);
      g_free (target_text);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}
int
main (void)
{
  static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };
  GDBusNodeInfo *info = g_dbus_node_info_new_for_xml (
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s'/><arg type='s'/><arg type='a{sv}'/></method>"
    "<method name='RemoveNotification'><arg type='s'/><arg type='s'/></method>"
    "</interface></node>", NULL);
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable,
                                     NULL, NULL, NULL);
  g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                NULL, NULL, NULL, NULL);
  g_main_loop_run (g_main_loop_new (NULL, FALSE));
  return 0;
}
C
cc -o notifications notifications.c $(pkg-config --cflags --libs gio-2.0) ||
  fail "cannot build the notification service stand-in"

cat > session.sh <<'SH'
set -eu
app_id=$1
export NO_AT_BRIDGE=1 GTK_A11Y=none GSK_RENDERER=cairo
./icon "$app_id" || { echo "the icon $app_id is not found"; exit 1; }
echo "ok the icon"
./notifications > notifications.txt &
notifications=$!
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.gtk.Notifications | grep -q true; do
  sleep 0.2
done
gio launch "$3/share/applications/$app_id.desktop"
# The main window is mapped and larger than the 1x1 client leader.
i=0
until xwininfo -root -tree | grep -E '"delist-helper"' | grep -qvE ' 1x1\+'; do
  i=$((i + 1))
  [ $i -lt 60 ] || { echo "no window after 30 s"; exit 1; }
  sleep 0.5
done
sleep 2
echo "ok the window opens from the desktop file"
# The app looks for waits that are over once a minute.
i=0
until [ -s notifications.txt ]; do
  i=$((i + 1))
  [ $i -lt 90 ] || { echo "no notification after 90 s"; exit 1; }
  sleep 1
done
kill $notifications
read -r n_app n_id n_action n_target n_title < notifications.txt
[ "$n_app $n_id $n_action $n_target" = "$app_id wait-over-$2 app.open-case '$2'" ] &&
  [ "$n_title" = "Time to send a test mail" ] ||
  { echo "unexpected notification: $(cat notifications.txt)"; exit 1; }
# GNOME Shell shows a notification only when a desktop file of that app id is installed.
[ -f "$3/share/applications/$n_app.desktop" ] ||
  { echo "no desktop file for the notification's app id $n_app"; exit 1; }
echo "ok the notification \"$n_title\" for the case, with an installed desktop file"
# A notification clicked after the app has quit: D-Bus starts it again for app.open-case.
gdbus call --session --dest "$app_id" --object-path "/$(echo "$app_id" | tr . /)" \
  --method org.gtk.Actions.Activate quit '[]' '{}' > /dev/null
i=0
while gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$app_id" | grep -q true; do
  i=$((i + 1)); [ $i -lt 20 ] || { echo "the app did not quit"; exit 1; }; sleep 0.5
done
gdbus call --session --dest "$app_id" --object-path "/$(echo "$app_id" | tr . /)" \
  --method org.freedesktop.Application.ActivateAction open-case \
  "[<'$2'>]" '{}' > /dev/null
sleep 3
xwininfo -root -tree | grep -E '"delist-helper"' | grep -qvE ' 1x1\+' ||
  { echo "no window after app.open-case through D-Bus activation"; exit 1; }
echo "ok app.open-case starts the app through D-Bus"
gdbus call --session --dest "$app_id" --object-path "/$(echo "$app_id" | tr . /)" \
  --method org.gtk.Actions.Activate quit '[]' '{}' > /dev/null
SH
xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- sh session.sh $app_id $case_id "$prefix" 2> session.err ||
  { cat session.err >&2; fail "the window"; }
# The app's own messages reach the session bus's error output; the bus's are not the app's.
if grep -vE '^dbus-daemon\[[0-9]+\]' session.err | grep -E 'WARNING|CRITICAL|ERROR|not installed|Gtk-|GLib-|Adwaita-' ; then
  fail "warnings on the app's error output"
fi
echo "ok no warnings"
echo "smoke-test.sh: the app installed in $prefix works"
