/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-form.c: data/forms.json, loaded once; fills Microsoft's forms from a report and answers. */
#include "config.h"

#include "dh-form.h"
#include "dh-rules.h"
#include "dh-timezone.h"
#include "dh-data.h"
#include "dh-json.h"
#include "dh-letter.h"
#include "dh-letters.h"

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  const char *en;
  const char *ja;
} Text;

typedef struct {
  DhFormDefinition public;
  GHashTable      *texts;  /* key ("name", "submit", ...) -> Text* */
} Definition;

/* --- The definitions ------------------------------------------------------------------------ */

static gboolean
is_language_ja (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "ja");
}

/* {"en": "...", "ja": "..."}; "en" is required, "ja" falls back to it. Strings are interned:
 * the definitions live as long as the process. */
static gboolean
read_text (JsonNode    *node,
           const char  *where,
           Text        *text,
           GError     **error)
{
  JsonObject *object;
  const char *en;
  const char *ja;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: %s: not a text object", where);
      return FALSE;
    }
  object = json_node_get_object (node);
  en = json_object_get_string_member_with_default (object, "en", NULL);
  ja = json_object_get_string_member_with_default (object, "ja", NULL);
  if (en == NULL || *en == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: %s: no English text", where);
      return FALSE;
    }
  text->en = g_intern_string (en);
  text->ja = g_intern_string (ja != NULL && *ja != '\0' ? ja : en);
  return TRUE;
}

static DhFormField *
read_field (JsonObject  *object,
            const char  *form_id,
            GError     **error)
{
  static const char *controls[] = { "text", "select", "textarea", NULL };
  const char *id = json_object_get_string_member_with_default (object, "id", NULL);
  const char *control = json_object_get_string_member_with_default (object, "control", NULL);
  const char *options_from = json_object_get_string_member_with_default (object, "options_from", NULL);
  JsonArray *options = dh_json_get_array (object, "options");
  g_autofree char *where = g_strdup_printf ("%s.%s", form_id, id ? id : "?");
  g_autofree DhFormField *field = g_new0 (DhFormField, 1);
  Text label;

  if (id == NULL || control == NULL || !g_strv_contains (controls, control))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "forms.json: %s: a field needs an id and a control (text, select, textarea)", where);
      return NULL;
    }
  if (!read_text (json_object_get_member (object, "label"), where, &label, error))
    return NULL;
  if (options_from != NULL && !g_str_equal (options_from, "timezones"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "forms.json: %s: unknown options_from “%s”", where, options_from);
      return NULL;
    }
  if (g_str_equal (control, "select") != (options != NULL || options_from != NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "forms.json: %s: a select, and only a select, has options", where);
      return NULL;
    }

  field->id = g_intern_string (id);
  field->control = g_intern_string (control);
  field->label_en = label.en;
  field->label_ja = label.ja;
  field->options_from = options_from ? g_intern_string (options_from) : NULL;
  if (options != NULL)
    {
      guint n = json_array_get_length (options);
      const char **strv = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        {
          const char *option = json_array_get_string_element (options, i);

          if (option == NULL || *option == '\0')
            {
              g_free (strv);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "forms.json: %s: option %u is not a string", where, i);
              return NULL;
            }
          strv[i] = g_intern_string (option);
        }
      field->options = strv;
    }
  return g_steal_pointer (&field);
}

static Definition *
read_definition (JsonObject  *object,
                 GError     **error)
{
  const char *id = json_object_get_string_member_with_default (object, "id", NULL);
  const char *url = json_object_get_string_member_with_default (object, "url", NULL);
  const char *to = json_object_get_string_member_with_default (object, "to", NULL);
  JsonArray *fields = dh_json_get_array (object, "fields");
  g_autoptr(GList) members = NULL;
  Definition *definition;

  if (id == NULL || fields == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "forms.json: a form needs an id and fields");
      return NULL;
    }
  /* Only the app's own fixed https addresses are ever opened. */
  if (url != NULL && (!g_str_has_prefix (url, "https://") || strpbrk (url, " \t\n\"'<>") != NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: %s: url is not https", id);
      return NULL;
    }
  if (to != NULL && (strchr (to, '@') == NULL || strpbrk (to, " \t\n\"'<>,;") != NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: %s: bad address", id);
      return NULL;
    }

  definition = g_new0 (Definition, 1);
  definition->public.id = g_intern_string (id);
  definition->public.url = url ? g_intern_string (url) : NULL;
  definition->public.to = to ? g_intern_string (to) : NULL;
  definition->public.fields = g_ptr_array_new ();
  definition->texts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      DhFormField *field;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (field = read_field (json_node_get_object (node), id, error)) == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: %s: bad field", id);
          return NULL;
        }
      if (dh_form_definition_get_field (&definition->public, field->id) != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "forms.json: %s: field %s twice", id, field->id);
          return NULL;
        }
      g_ptr_array_add (definition->public.fields, field);
    }

  /* Other texts of the page, in both languages: "name", "submit", "confirm". */
  members = json_object_get_members (object);
  for (GList *m = members; m != NULL; m = m->next)
    {
      JsonNode *node = json_object_get_member (object, m->data);
      g_autofree char *where = NULL;
      Text *text;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      where = g_strdup_printf ("%s.%s", id, (const char *) m->data);
      text = g_new0 (Text, 1);
      if (!read_text (node, where, text, error))
        {
          g_free (text);
          return NULL;
        }
      g_hash_table_insert (definition->texts, (gpointer) g_intern_string (m->data), text);
    }
  return definition;
}

/* The parsed definitions are never freed (process lifetime), including on the error paths
 * above: the built-in data either loads or the program stops. */
static GHashTable *
definitions_load (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) forms = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  bytes = dh_data_get ("forms.json");
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (array = dh_json_get_array (json_node_get_object (json_parser_get_root (parser)), "forms")) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: no forms");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Definition *definition;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "forms.json: a form is not an object");
          return NULL;
        }
      if ((definition = read_definition (json_node_get_object (node), error)) == NULL)
        return NULL;
      if (!g_hash_table_insert (forms, (gpointer) definition->public.id, definition))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "forms.json: form %s twice", definition->public.id);
          return NULL;
        }
    }
  return g_steal_pointer (&forms);
}

static GHashTable *
get_definitions (void)
{
  static GHashTable *forms;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;

      if ((forms = definitions_load (&error)) == NULL)
        g_error ("The built-in form definitions cannot be loaded: %s", error->message);
      g_once_init_leave (&initialized, 1);
    }
  return forms;
}

/* A form of data/forms.json by id (DH_FORM_OUTLOOK...), or NULL. */
const DhFormDefinition *
dh_form_get_definition (const char *form_id)
{
  Definition *definition;

  g_return_val_if_fail (form_id != NULL, NULL);

  definition = g_hash_table_lookup (get_definitions (), form_id);
  return definition ? &definition->public : NULL;
}

const DhFormField *
dh_form_definition_get_field (const DhFormDefinition *definition,
                              const char             *field_id)
{
  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  for (guint i = 0; i < definition->fields->len; i++)
    {
      const DhFormField *field = g_ptr_array_index (definition->fields, i);

      if (g_str_equal (field->id, field_id))
        return field;
    }
  return NULL;
}

/* Another text of the page as the page shows it ("name", "submit", "confirm"), or NULL. */
const char *
dh_form_definition_get_text (const DhFormDefinition *definition,
                             const char             *key,
                             const char             *language)
{
  const Text *text;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  text = g_hash_table_lookup (((const Definition *) definition)->texts, key);
  if (text == NULL)
    return NULL;
  return is_language_ja (language) ? text->ja : text->en;
}

const char *
dh_form_field_get_label (const DhFormField *field,
                         const char        *language)
{
  g_return_val_if_fail (field != NULL, NULL);

  return is_language_ja (language) ? field->label_ja : field->label_en;
}

/* --- Filling -------------------------------------------------------------------------------- */

/* The DomainTo option for a recipient domain. The four listed domains are themselves. The form has
 * no option for the country variants (outlook.jp, hotmail.co.jp, live.jp...; microsoft-delisting.md
 * §1.2 row 3), but they are the same Outlook.com service, with the same MX hosts, block list and
 * S31xx codes, so "other" would misdescribe them: they go to the listed domain of the same brand
 * (hotmail.co.jp -> hotmail.com, outlook.jp -> outlook.com), and the remaining consumer domains
 * (passport.com, windowslive.com) to outlook.com, the service's current name. A domain that is not
 * Outlook.com's (a company on Microsoft 365, Outlook.com Premium's own domains) is "other".
 * @mapped says the option is not the domain itself, so the GUI can say why. */
const char *
dh_form_outlook_domain_option (const char *recipient_domain,
                               gboolean   *mapped)
{
  static const char *listed[] = { "hotmail.com", "live.com", "msn.com", "outlook.com", NULL };
  static const char *brands[] = { "hotmail", "live", "msn", "outlook", NULL };
  g_autofree char *domain = NULL;
  const char *option = "other";

  g_return_val_if_fail (recipient_domain != NULL, NULL);

  domain = g_ascii_strdown (recipient_domain, -1);
  g_strstrip (domain);
  for (guint i = 0; listed[i] != NULL; i++)
    if (g_str_equal (domain, listed[i]))
      {
        if (mapped != NULL)
          *mapped = FALSE;
        return listed[i];
      }

  if (dh_rules_is_consumer_domain (dh_rules_get_default (), domain))
    {
      const char *dot = strchr (domain, '.');
      g_autofree char *brand = g_strndup (domain, dot ? (gsize) (dot - domain) : strlen (domain));

      option = "outlook.com";
      for (guint i = 0; brands[i] != NULL; i++)
        if (g_str_equal (brand, brands[i]))
          option = listed[i];
    }
  if (mapped != NULL)
    *mapped = TRUE;
  return option;
}

static DhFormValue *
value_new (const DhFormField *field,
           const char        *language)
{
  DhFormValue *value = g_new0 (DhFormValue, 1);

  value->field_id = field->id;
  value->control = field->control;
  value->label = dh_form_field_get_label (field, language);
  return value;
}

static void
value_free (gpointer data)
{
  DhFormValue *value = data;

  g_free (value->value);
  g_free (value->option_value);
  g_free (value->source);
  g_free (value);
}

/* A value, or the note that it must be asked for. */
static void
value_set (DhFormValue *value,
           const char  *text,
           const char  *note)
{
  if (text != NULL && *text != '\0')
    {
      value->value = g_strdup (text);
      value->note = note;
    }
  else
    value->note = DH_FORM_NOTE_MISSING;
}

static DhFormValues *
values_new (const DhFormDefinition *definition,
            const char             *language)
{
  DhFormValues *values = g_new0 (DhFormValues, 1);

  values->form_id = definition->id;
  values->url = definition->url;
  values->language = is_language_ja (language) ? "ja" : "en";
  values->values = g_ptr_array_new_with_free_func (value_free);
  return values;
}

static const char *
nonempty (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

static const char *
domain_of (const char *address)
{
  const char *at = address ? strrchr (address, '@') : NULL;

  return at != NULL && at[1] != '\0' ? at + 1 : NULL;
}

static const char *
sender_domain (DhReport          *report,
               const DhFormInput *input)
{
  const char *domain = input ? nonempty (input->sender_domain) : NULL;

  if (domain == NULL)
    domain = nonempty (report->sender_domain);
  if (domain == NULL)
    domain = domain_of (dh_report_get (report, DH_FACT_SENDER));
  return domain;
}

static const char *
provider_code (DhReport          *report,
               const DhFormInput *input)
{
  const char *code = input ? nonempty (input->provider_code) : NULL;

  return code ? code : nonempty (dh_report_get (report, DH_FACT_PROVIDER_CODE));
}

/* The blocked IP: the user's correction, else the sending IP the bounce names. */
static const char *
blocked_ip (DhReport          *report,
            const DhFormInput *input,
            gboolean          *guess)
{
  const char *ip = input ? nonempty (input->blocked_ip) : NULL;

  *guess = FALSE;
  if (ip != NULL)
    return ip;
  ip = nonempty (dh_report_get (report, DH_FACT_SENDING_IP));
  *guess = ip != NULL && report->sending_ip_guess;
  return ip;
}

/* The first recipient domain that is Outlook.com's, else the first one. */
static const char *
recipient_domain (DhReport          *report,
                  const DhFormInput *input)
{
  DhRules *rules = dh_rules_get_default ();
  const char *domain = input ? nonempty (input->recipient_domain) : NULL;

  if (domain != NULL)
    return domain;
  for (guint i = 0; i < report->recipient_domains->len; i++)
    if (dh_rules_is_consumer_domain (rules, g_ptr_array_index (report->recipient_domains, i)))
      return g_ptr_array_index (report->recipient_domains, i);
  return report->recipient_domains->len > 0 ? g_ptr_array_index (report->recipient_domains, 0) : NULL;
}

static void
fill_outlook_field (DhFormValue       *value,
                    const DhFormField *field,
                    DhReport          *report,
                    const DhFormInput *input,
                    const char        *language)
{
  const char *id = field->id;
  gboolean ip_guess;

  if (g_str_equal (id, "IssueTitle"))
    {
      gboolean ja = g_strcmp0 (input->title_language, "ja") == 0;
      /* English by default (Microsoft's support works in English), whatever the app's language. */
      g_autofree char *title = dh_letters_form_title (blocked_ip (report, input, &ip_guess),
                                                      provider_code (report, input), input->hosting,
                                                      dh_letter_has_language (input->title_language)
                                                        ? input->title_language : "en");

      value_set (value, title, ja ? DH_FORM_NOTE_TITLE_JAPANESE : DH_FORM_NOTE_TITLE_ENGLISH);
    }
  else if (g_str_equal (id, "ContactName"))
    value_set (value, nonempty (input->contact_name), NULL);
  else if (g_str_equal (id, "DomainTo"))
    {
      const char *domain = recipient_domain (report, input);

      if (domain != NULL)
        {
          const char *option = dh_form_outlook_domain_option (domain, &value->mapped);

          value_set (value, option, NULL);
          value->option_value = g_strdup (option);
          value->source = g_strdup (domain);
          if (value->mapped)
            value->note = g_str_equal (option, "other") ? DH_FORM_NOTE_DOMAIN_OTHER
                                                        : DH_FORM_NOTE_DOMAIN_MAPPED;
        }
      else
        value_set (value, NULL, NULL);
    }
  else if (g_str_equal (id, "ContactEmail"))
    {
      if (nonempty (input->contact_email))
        value_set (value, input->contact_email, NULL);
      else
        value_set (value, dh_report_get (report, DH_FACT_SENDER), DH_FORM_NOTE_CONTACT_FROM_SENDER);
    }
  else if (g_str_equal (id, "ddlTimezones"))
    {
      g_autofree char *iana = g_strdup (nonempty (input->timezone));
      const char *note = NULL;
      const DhTimezone *zone;

      if (iana == NULL)
        {
          iana = dh_timezone_get_local_iana ();
          note = DH_FORM_NOTE_TIMEZONE_LOCAL;
        }
      zone = iana ? dh_timezone_find_windows (iana) : NULL;
      value->source = g_strdup (iana);
      if (zone != NULL)
        {
          value_set (value, dh_timezone_get_display (zone, language), note);
          value->option_value = g_strdup (zone->windows_id);
        }
      else
        value->note = DH_FORM_NOTE_TIMEZONE_UNKNOWN;
    }
  else if (g_str_equal (id, "DomainFrom"))
    value_set (value, sender_domain (report, input), NULL);
  else if (g_str_equal (id, "SelfDescription"))
    {
      /* A site owner's mail (contact forms, replies to customers) is business mail, not
       * marketing; none of the other options fits a shared-hosting customer. */
      value_set (value, "Business (non-marketing)", DH_FORM_NOTE_BUSINESS);
      value->option_value = g_strdup (value->value);
    }
  else if (g_str_equal (id, "IpAddresses"))
    {
      const char *ip = blocked_ip (report, input, &ip_guess);

      value_set (value, ip, ip_guess ? DH_FORM_NOTE_IP_GUESS : NULL);
    }
  else if (g_str_equal (id, "ServerType"))
    {
      if (input->hosting == DH_HOSTING_SHARED)
        value_set (value, "Shared", NULL);
      else if (input->hosting == DH_HOSTING_DEDICATED)
        value_set (value, "Dedicated", NULL);
      else
        value_set (value, "Unknown", DH_FORM_NOTE_HOSTING_UNKNOWN);
      value->option_value = g_strdup (value->value);
    }
  else if (g_str_equal (id, "ErrorMessages"))
    {
      const char *diagnostic = nonempty (input->diagnostic);

      value_set (value, diagnostic ? diagnostic : dh_report_get (report, DH_FACT_DIAGNOSTIC), NULL);
    }
  else if (g_str_equal (id, "WebsiteUrl"))
    {
      const char *domain = sender_domain (report, input);

      if (nonempty (input->website))
        value_set (value, input->website, NULL);
      else if (domain != NULL)
        {
          g_autofree char *url = g_strdup_printf ("https://%s/", domain);
          value_set (value, url, DH_FORM_NOTE_WEBSITE_GUESSED);
        }
      else
        value_set (value, NULL, NULL);
    }
  else
    value_set (value, NULL, NULL);  /* a field newer than this code: the user fills it in */
}

/* The values for the Outlook.com delisting form, in page order, labelled in input->language. */
DhFormValues *
dh_form_fill_outlook (DhReport          *report,
                      const DhFormInput *input)
{
  const DhFormDefinition *definition = dh_form_get_definition (DH_FORM_OUTLOOK);
  DhFormValues *values;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);
  g_assert (definition != NULL);

  values = values_new (definition, input->language);
  for (guint i = 0; i < definition->fields->len; i++)
    {
      const DhFormField *field = g_ptr_array_index (definition->fields, i);
      DhFormValue *value = value_new (field, values->language);

      fill_outlook_field (value, field, report, input, values->language);
      g_ptr_array_add (values->values, value);
    }
  return values;
}

/* The values for the Outlook.com delisting form for the case, with @answers: what the user enters
 * on the form's page (contact, languages, time zone, hosting, website; NULL members as in
 * DhFormInput). The facts come from the case, as the user corrected them; which value wins:
 * - the blocked IP the bounce names goes through the report, which knows whether it was a guess;
 *   a corrected one is the user's;
 * - a fact the user cleared (the IP, the sending or the receiving domain) is missing, not the
 *   report's value it replaced;
 * - an empty or unusable contact address (@answers->contact_email NULL) is missing, not the
 *   bounce's sender;
 * - a website cleared to "" is missing (the user has none), NULL is the one made from the domain. */
DhFormValues *
dh_form_fill_outlook_for_case (DhCase            *dh_case,
                               const DhFormInput *answers)
{
  DhReport *report;
  DhFormInput input;
  DhFormValues *values;
  const char *ip;

  g_return_val_if_fail (DH_IS_CASE (dh_case), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  report = dh_case_get_report (dh_case);
  if (report == NULL)
    return NULL;
  input = *answers;
  ip = dh_case_get (dh_case, DH_CASE_IP);
  input.blocked_ip = g_strcmp0 (ip, dh_report_get (report, DH_FACT_SENDING_IP)) != 0 ? ip : NULL;
  input.sender_domain = dh_case_get (dh_case, DH_CASE_SENDER_DOMAIN);
  input.recipient_domain = dh_case_get (dh_case, DH_CASE_RECIPIENT_DOMAIN);
  input.provider_code = dh_case_get (dh_case, DH_CASE_CODE);
  input.diagnostic = dh_case_get (dh_case, DH_CASE_DIAGNOSTIC);

  values = dh_form_fill_outlook (report, &input);
  for (guint i = 0; i < values->values->len; i++)
    {
      DhFormValue *value = g_ptr_array_index (values->values, i);

      if ((g_str_equal (value->field_id, "ContactEmail") && input.contact_email == NULL) ||
          (g_str_equal (value->field_id, "WebsiteUrl") && input.website && *input.website == '\0') ||
          (g_str_equal (value->field_id, "IpAddresses") && ip == NULL) ||
          (g_str_equal (value->field_id, "DomainFrom") && input.sender_domain == NULL) ||
          (g_str_equal (value->field_id, "DomainTo") && input.recipient_domain == NULL))
        {
          g_clear_pointer (&value->value, g_free);
          value->note = DH_FORM_NOTE_MISSING;
        }
    }
  return values;
}

/* The values of Microsoft 365's delist portal for the case: the contact address the user gave,
 * else the address the bounce came back to (the portal asks for the one that received the NDR);
 * the blocked IP as the user corrected it, else as the bounce names it. The portal shows English
 * only, so the labels are English. */
DhFormValues *
dh_form_fill_portal (DhCase *dh_case)
{
  const DhFormDefinition *definition = dh_form_get_definition (DH_FORM_PORTAL);
  DhReport *report;
  DhFormValues *values;
  const char *email;
  const char *sender;
  const char *ip;

  g_return_val_if_fail (DH_IS_CASE (dh_case), NULL);
  g_assert (definition != NULL);

  report = dh_case_get_report (dh_case);
  email = nonempty (dh_case_get_contact_email (dh_case));
  sender = nonempty (dh_case_get (dh_case, DH_CASE_SENDER_ADDRESS));
  ip = nonempty (dh_case_get (dh_case, DH_CASE_IP));
  values = values_new (definition, "en");
  for (guint i = 0; i < definition->fields->len; i++)
    {
      const DhFormField *field = g_ptr_array_index (definition->fields, i);
      DhFormValue *value = value_new (field, values->language);

      if (g_str_equal (field->id, "email"))
        value_set (value, email ? email : sender, email || !sender ? NULL : DH_FORM_NOTE_CONTACT_FROM_SENDER);
      else if (g_str_equal (field->id, "ip"))
        {
          /* The bounce's guess stays a guess until the user changes it. */
          gboolean guess = report && ip && report->sending_ip_guess &&
                           g_strcmp0 (ip, dh_report_get (report, DH_FACT_SENDING_IP)) == 0;

          value_set (value, ip, guess ? DH_FORM_NOTE_IP_GUESS : NULL);
        }
      else
        value_set (value, NULL, NULL);
      g_ptr_array_add (values->values, value);
    }
  return values;
}

const DhFormValue *
dh_form_values_get (DhFormValues *values,
                    const char   *field_id)
{
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  for (guint i = 0; i < values->values->len; i++)
    {
      const DhFormValue *value = g_ptr_array_index (values->values, i);

      if (g_str_equal (value->field_id, field_id))
        return value;
    }
  return NULL;
}

/* "Label: value" lines, in page order, for "Copy all"; an unknown value stays empty. */
char *
dh_form_values_to_text (DhFormValues *values)
{
  GString *text;

  g_return_val_if_fail (values != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < values->values->len; i++)
    {
      const DhFormValue *value = g_ptr_array_index (values->values, i);

      g_string_append_printf (text, "%s: %s\n", value->label, value->value ? value->value : "");
    }
  return g_string_free (text, FALSE);
}

void
dh_form_values_free (DhFormValues *values)
{
  if (values == NULL)
    return;
  g_ptr_array_unref (values->values);
  g_free (values);
}
