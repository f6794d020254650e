/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-blocklist-page.c: step for a public block list (Spamhaus, SpamCop, Barracuda, …): which list
 * the bounce names, what its listing means, its lookup or removal page, and the advice to tell the
 * hosting company. The lists are data (data/blocklists.json); the sentences are in dh-blocklist-text.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "dh-blocklist-page.h"
#include "dh-blocklist-text.h"
#include "dh-copy-row.h"
#include "dh-links.h"

struct _DhBlocklistPage
{
  DhPage parent_instance;

  GtkLabel  *todo;
  GtkLabel  *microsoft_note;
  GtkWidget *ip_row;
  GtkWidget *domain_row;
  GtkWidget *list_row;
  GtkWidget *scope_row;
  GtkLabel  *meaning;
  GtkLabel  *listing_meaning;
  GtkWidget *parts_row;       /* AdwExpanderRow: every part of a list, when the bounce names none */
  GPtrArray *part_rows;       /* the rows in parts_row */
  GtkLabel  *removal;
  GtkWidget *button_box;
  GtkWidget *button;
  GtkWidget *error_row;
};

G_DEFINE_FINAL_TYPE (DhBlocklistPage, dh_blocklist_page, DH_TYPE_PAGE)


static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* Rows for each part of @list (Spamhaus SBL, PBL, …), shown when the bounce does not say which. */
static void
fill_parts (DhBlocklistPage   *self,
            const DhBlocklist *list)
{
  for (guint i = 0; i < self->part_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self->parts_row), g_ptr_array_index (self->part_rows, i));
  g_ptr_array_set_size (self->part_rows, 0);

  for (guint i = 0; list && i < list->listings->len; i++)
    {
      const DhBlocklistListing *listing = g_ptr_array_index (list->listings, i);
      GtkWidget *row = adw_action_row_new ();
      /* The sentence names the part itself ("PBL: …"). Row titles are markup. */
      g_autofree char *title = g_markup_escape_text (dh_blocklist_text_meaning (listing->id), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->parts_row), row);
      g_ptr_array_add (self->part_rows, row);
    }
}

/* Whether every part of @list covers as much as the list says. */
static gboolean
same_scope (const DhBlocklist *list)
{
  for (guint i = 0; i < list->listings->len; i++)
    if (((DhBlocklistListing *) g_ptr_array_index (list->listings, i))->scope != list->scope)
      return FALSE;
  return TRUE;
}

/* A long label, or a large font, wraps instead of widening the page past a narrow window. */
static void
wrap_label (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  g_assert (GTK_IS_LABEL (label));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

static void
dh_blocklist_page_shown (DhPage *page,
                         DhCase *dh_case)
{
  DhBlocklistPage *self = DH_BLOCKLIST_PAGE (page);
  const DhBlocklistListing *listing = NULL;
  const DhBlocklist *list;
  const char *id, *todo, *button_label;
  g_autofree char *name = NULL;
  DhBlocklistScope scope;

  list = dh_blocklists_find (dh_blocklists_get_default (), dh_case_get (dh_case, DH_CASE_DIAGNOSTIC), &listing);
  id = list ? list->id : NULL;

  /* What to do now: the part's own step where it has one (only the host can fix a PBL listing). */
  todo = listing ? dh_blocklist_text_todo (listing->id) : NULL;
  gtk_label_set_text (self->todo, todo ? todo : dh_blocklist_text_todo (id));
  set_label (self->microsoft_note,
             dh_case_get_system (dh_case) && g_str_has_prefix (dh_case_get_system (dh_case), "microsoft")
               ? _("Microsoft refused your mail because of this list. Once the address is off the list, Microsoft accepts your mail again: there is nothing to send to Microsoft.")
               : NULL);

  dh_copy_row_set_value (DH_COPY_ROW (self->ip_row), dh_case_get (dh_case, DH_CASE_IP));
  dh_copy_row_set_value (DH_COPY_ROW (self->domain_row), dh_case_get (dh_case, DH_CASE_SENDER_DOMAIN));

  /* Which list, and what its listing means. */
  if (list == NULL)
    name = g_strdup (_("A list this app does not know"));
  else if (listing)
    name = g_strdup_printf ("%s %s", list->name, listing->name);
  else
    name = g_strdup (list->name);
  dh_row_set_subtitle (self->list_row, name);
  scope = listing ? listing->scope : list ? list->scope : DH_BLOCKLIST_SCOPE_IP;
  dh_row_set_subtitle (self->scope_row, dh_blocklist_text_scope (scope));
  /* Unsaid when the bounce does not name the part and the parts differ (a PBL listing is a range). */
  gtk_widget_set_visible (self->scope_row, list != NULL && (listing != NULL || same_scope (list)));
  gtk_widget_set_visible (self->domain_row, scope == DH_BLOCKLIST_SCOPE_DOMAIN &&
                                            dh_case_get (dh_case, DH_CASE_SENDER_DOMAIN) != NULL);
  set_label (self->meaning, dh_blocklist_text_meaning (id));
  set_label (self->listing_meaning, listing ? dh_blocklist_text_meaning (listing->id) : NULL);
  fill_parts (self, listing ? NULL : list);
  gtk_widget_set_visible (self->parts_row, self->part_rows->len > 0);

  /* How removal works, and the list's own page. */
  set_label (self->removal, dh_blocklist_text_removal (id));
  if (self->button)
    gtk_box_remove (GTK_BOX (self->button_box), self->button);
  self->button = NULL;
  button_label = dh_blocklist_text_button (id);
  if (list && list->url && button_label && dh_links_is_known (list->url))
    {
      self->button = dh_links_button_new (button_label, list->url);
      wrap_label (self->button);
      gtk_box_append (GTK_BOX (self->button_box), self->button);
    }
  gtk_widget_set_visible (self->button_box, self->button != NULL);

  dh_copy_row_set_value (DH_COPY_ROW (self->error_row), dh_case_get (dh_case, DH_CASE_DIAGNOSTIC));
}

static void
dh_blocklist_page_finalize (GObject *object)
{
  DhBlocklistPage *self = DH_BLOCKLIST_PAGE (object);

  g_clear_pointer (&self->part_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (dh_blocklist_page_parent_class)->finalize (object);
}

static void
dh_blocklist_page_class_init (DhBlocklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DhPageClass *page_class = DH_PAGE_CLASS (klass);

  object_class->finalize = dh_blocklist_page_finalize;
  page_class->shown = dh_blocklist_page_shown;

  g_type_ensure (DH_TYPE_COPY_ROW);
  dh_page_class_set_template_from_resource (DH_PAGE_CLASS (klass), RESOURCE_BASE "/pages/dh-blocklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, todo);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, microsoft_note);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, ip_row);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, domain_row);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, list_row);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, scope_row);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, meaning);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, listing_meaning);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, parts_row);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, removal);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, button_box);
  gtk_widget_class_bind_template_child (widget_class, DhBlocklistPage, error_row);
}

static void
dh_blocklist_page_init (DhBlocklistPage *self)
{
  self->part_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dh_blocklist_page_new (void)
{
  return g_object_new (DH_TYPE_BLOCKLIST_PAGE, NULL);
}
