/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-links.c: opens only the app's own fixed https addresses (never one taken from a bounce) and
 * its installed user guide with gtk_show_uri_full; when no browser opens, the user is told and gets
 * the address to copy. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dh-links.h"
#include "dh-copy-row.h"
#include "dh-widgets.h"

/* Every address the app may open. */
static const char *known_uris[] = {
  "https://sender.office.com/",
  "https://olcsupport.office.com/",
  "https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx",
  "https://check.spamhaus.org/",
  "https://www.spamcop.net/bl.shtml",
  "https://www.barracudacentral.org/rbl/removal-request",
  "https://www.uceprotect.net/en/rblcheck.php",
  "https://psbl.org/remove",
  "https://mailspike.io/ip_verify",
  "https://learn.microsoft.com/defender-office-365/external-senders-use-the-delist-portal-to-unblock-yourself",
  NULL
};

static DhUriLauncher test_launcher;
static gpointer test_launcher_data;

gboolean
dh_links_is_known (const char *uri)
{
  return uri != NULL && g_strv_contains (known_uris, uri);
}

/* Tests observe launches through this instead of a browser. */
void
dh_links_set_launcher (DhUriLauncher launcher,
                       gpointer      user_data)
{
  test_launcher = launcher;
  test_launcher_data = user_data;
}

static void
show_fallback (GtkWindow  *parent,
               const char *uri)
{
  GtkWidget *dialog, *group, *row;

  dialog = adw_message_dialog_new (parent, _("No browser could be opened"),
                                   _("Open this address in your web browser yourself:"));
  group = adw_preferences_group_new ();
  row = dh_copy_row_new (_("Web address"), uri);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct {
  GtkWindow *parent;
  char      *uri;
} LaunchData;

static void
launch_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LaunchData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_message ("Cannot open %s: %s", data->uri, error->message);
      show_fallback (data->parent, data->uri);
    }
  g_object_unref (data->parent);
  g_free (data->uri);
  g_free (data);
}

static void
launch (GtkWindow  *parent,
        const char *uri)
{
  LaunchData *data;

  if (test_launcher)
    {
      test_launcher (parent, uri, test_launcher_data);
      return;
    }
  if (parent == NULL)
    return;
  data = g_new0 (LaunchData, 1);
  data->parent = GTK_WINDOW (g_object_ref (parent));
  data->uri = g_strdup (uri);
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, launch_done, data);
}

void
dh_links_open (GtkWidget  *widget,
               const char *uri)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (dh_links_is_known (uri));

  launch (dh_widget_get_window (widget), uri);
}

/* Opens @file, one of the app's own installed pages (the user guide), in the browser. */
void
dh_links_open_file (GtkWindow *parent,
                    GFile     *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  launch (parent, uri);
}

static void
button_clicked (GtkButton *button,
                gpointer   user_data)
{
  dh_links_open (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "dh-uri"));
}

/* A button that opens one of the known addresses; its tooltip shows the address. */
GtkWidget *
dh_links_button_new (const char *label,
                     const char *uri)
{
  GtkWidget *button;

  g_return_val_if_fail (dh_links_is_known (uri), NULL);

  button = gtk_button_new_with_mnemonic (label);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, uri);
  g_object_set_data_full (G_OBJECT (button), "dh-uri", g_strdup (uri), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked), NULL);
  return button;
}
