/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-rules.c: loads data/rules.json (json-glib); each GRegex is compiled once, on its first use. */
#include "config.h"

#include "dh-json.h"
#include "dh-rules.h"
#include "dh-ip.h"
#include "dh-data.h"
#include "dh-regex.h"

#include <json-glib/json-glib.h>
#include <string.h>

G_DEFINE_QUARK (dh-rules-error-quark, dh_rules_error)

/* The token that {IP} in ip_patterns stands for. Validated afterwards with GInetAddress. */
#define IP_TOKEN \
  "(?<ip>(?<![0-9.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9])" \
  "|(?<![0-9A-Fa-f:])(?:IPv6:)?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\\.[0-9]{1,3}){0,3}(?![0-9A-Fa-f:]))"

typedef struct {
  char        *id;
  DhLazyRegex  text;    /* compiled on first use, as every pattern here */
  DhLazyRegex  not_text;
  DhLazyRegex  status;
  DhLazyRegex  reply;
  DhLazyRegex  code;
  DhLazyRegex  action;
  gboolean     unread;    /* matches only a bounce that could not be read */
  char        *system;
  const char  *kind;
  const char  *remedy;
  const char  *set_system;
  gboolean     names_ip;  /* the diagnostic must name the sending address */
  gboolean     is_block;
} Rule;

typedef struct {
  char       *suffix;
  const char *system;
} SystemHost;

struct _DhRules {
  GHashTable *consumer_domains;
  GArray     *system_hosts;  /* SystemHost */
  DhLazyRegex reference_host;
  DhLazyRegex provider_code;
  DhLazyRegex consumer_codes;
  DhLazyRegex microsoft_codes;
  GArray     *ip_patterns;   /* DhLazyRegex */
  DhLazyRegex any_ip;
  GArray     *rules;         /* Rule */
};

static const char *known_kinds[] = {
  "listed", "reputation", "rate-limit", "rdns", "policy", "authentication", "domain-listed", "content",
  "recipient-policy", "not-a-block", "unknown", NULL
};
static const char *known_remedies[] = {
  "outlook-delist-form", "office365-delist-portal", "delist-email", "spamhaus-removal", "dnsbl-removal",
  "domain-delist", "wait-and-retry", "fix-authentication", "fix-content", "contact-recipient", "contact-host",
  "none", NULL
};
static const char *known_systems[] = { "microsoft-consumer", "microsoft-365", "other", NULL };

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_free (rule->id);
  g_free (rule->system);
  dh_lazy_regex_clear (&rule->text);
  dh_lazy_regex_clear (&rule->not_text);
  dh_lazy_regex_clear (&rule->status);
  dh_lazy_regex_clear (&rule->reply);
  dh_lazy_regex_clear (&rule->code);
  dh_lazy_regex_clear (&rule->action);
}

static void
system_host_clear (gpointer data)
{
  g_free (((SystemHost *) data)->suffix);
}

void
dh_rules_free (DhRules *rules)
{
  if (rules == NULL)
    return;
  g_clear_pointer (&rules->consumer_domains, g_hash_table_unref);
  g_clear_pointer (&rules->system_hosts, g_array_unref);
  dh_lazy_regex_clear (&rules->reference_host);
  dh_lazy_regex_clear (&rules->provider_code);
  dh_lazy_regex_clear (&rules->consumer_codes);
  dh_lazy_regex_clear (&rules->microsoft_codes);
  g_clear_pointer (&rules->ip_patterns, g_array_unref);
  dh_lazy_regex_clear (&rules->any_ip);
  g_clear_pointer (&rules->rules, g_array_unref);
  g_free (rules);
}

#define RULE_FLAGS (G_REGEX_CASELESS | G_REGEX_OPTIMIZE)

/* G_REGEX_OPTIMIZE: JIT-compiled once, these run on every diagnostic. The patterns have no
 * unbounded nested repetition, and the texts they see are capped (MAX_LINE). */
static gboolean
lazy_regex_init (DhLazyRegex  *lazy,
                 const char   *pattern,
                 gboolean      now,
                 const char   *where,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (dh_lazy_regex_init (lazy, pattern, RULE_FLAGS, now, &local_error))
    return TRUE;
  g_set_error (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID,
               "%s: bad pattern: %s", where, local_error->message);
  return FALSE;
}

static const char *
checked_name (const char  *value,
              const char **known,
              const char  *what,
              const char  *rule_id,
              GError     **error)
{
  if (value == NULL)
    {
      g_set_error (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID, "rule %s: no %s", rule_id, what);
      return NULL;
    }
  if (!g_strv_contains (known, value))
    {
      g_set_error (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID,
                   "rule %s: unknown %s “%s”", rule_id, what, value);
      return NULL;
    }
  return g_intern_string (value);
}

static gboolean
compile_member (JsonObject  *object,
                const char  *member,
                const char  *rule_id,
                gboolean     now,
                DhLazyRegex   *out,
                GError     **error)
{
  const char *pattern = json_object_get_string_member_with_default (object, member, NULL);
  g_autofree char *where = NULL;

  if (pattern == NULL)
    return TRUE;
  where = g_strdup_printf ("rule %s, %s", rule_id, member);
  return lazy_regex_init (out, pattern, now, where, error);
}

static gboolean
load_rule (JsonObject  *object,
           Rule        *rule,
           gboolean     now,
           GError     **error)
{
  const char *id = json_object_get_string_member_with_default (object, "id", NULL);
  const char *set_system;

  if (id == NULL)
    {
      g_set_error_literal (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID, "a rule has no id");
      return FALSE;
    }
  rule->id = g_strdup (id);

  if (!compile_member (object, "text", id, now, &rule->text, error) ||
      !compile_member (object, "not_text", id, now, &rule->not_text, error) ||
      !compile_member (object, "status", id, now, &rule->status, error) ||
      !compile_member (object, "reply", id, now, &rule->reply, error) ||
      !compile_member (object, "code", id, now, &rule->code, error) ||
      !compile_member (object, "action", id, now, &rule->action, error))
    return FALSE;

  rule->unread = json_object_get_boolean_member_with_default (object, "unread", FALSE);
  rule->system = g_strdup (json_object_get_string_member_with_default (object, "system", NULL));
  rule->kind = checked_name (json_object_get_string_member_with_default (object, "kind", NULL),
                             known_kinds, "kind", id, error);
  if (rule->kind == NULL)
    return FALSE;
  rule->remedy = checked_name (json_object_get_string_member_with_default (object, "remedy", NULL),
                               known_remedies, "remedy", id, error);
  if (rule->remedy == NULL)
    return FALSE;
  set_system = json_object_get_string_member_with_default (object, "set_system", NULL);
  if (set_system != NULL &&
      (rule->set_system = checked_name (set_system, known_systems, "system", id, error)) == NULL)
    return FALSE;
  rule->names_ip = json_object_get_boolean_member_with_default (object, "names_ip", FALSE);
  rule->is_block = json_object_get_boolean_member_with_default (object, "is_block", FALSE);
  return TRUE;
}

/* @now: compile every pattern while loading (and so check it) rather than on first use. */
static DhRules *
rules_load (GBytes    *json,
            gboolean   now,
            GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DhRules) rules = g_new0 (DhRules, 1);
  JsonObject *root;
  JsonArray *array;
  const char *pattern;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json), error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID, "rules: not an object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  rules->consumer_domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  array = dh_json_get_array (root, "consumer_domains");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    g_hash_table_add (rules->consumer_domains,
                      g_ascii_strdown (json_array_get_string_element (array, i), -1));

  rules->system_hosts = g_array_new (FALSE, TRUE, sizeof (SystemHost));
  g_array_set_clear_func (rules->system_hosts, system_host_clear);
  array = dh_json_get_array (root, "system_hosts");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      SystemHost host;

      host.system = checked_name (json_object_get_string_member_with_default (entry, "system", NULL),
                                  known_systems, "system", "system_hosts", error);
      if (host.system == NULL)
        return NULL;
      host.suffix = g_ascii_strdown (json_object_get_string_member_with_default (entry, "suffix", ""), -1);
      g_array_append_val (rules->system_hosts, host);
    }

#define COMPILE_ROOT(field, member) \
  pattern = json_object_get_string_member_with_default (root, member, NULL); \
  if (pattern == NULL) \
    { \
      g_set_error (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID, "rules: no %s", member); \
      return NULL; \
    } \
  if (!lazy_regex_init (&rules->field, pattern, now, member, error)) \
    return NULL;

  COMPILE_ROOT (reference_host, "reference_host");
  COMPILE_ROOT (provider_code, "provider_code");
  COMPILE_ROOT (consumer_codes, "consumer_codes");
  COMPILE_ROOT (microsoft_codes, "microsoft_codes");
#undef COMPILE_ROOT

  rules->ip_patterns = g_array_new (FALSE, TRUE, sizeof (DhLazyRegex));
  g_array_set_clear_func (rules->ip_patterns, (GDestroyNotify) dh_lazy_regex_clear);
  array = dh_json_get_array (root, "ip_patterns");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autoptr(GString) expanded = g_string_new (json_array_get_string_element (array, i));
      DhLazyRegex regex = { 0 };

      if (g_string_replace (expanded, "{IP}", IP_TOKEN, 0) != 1)
        {
          g_set_error (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID,
                       "ip_patterns[%u]: needs exactly one {IP}", i);
          return NULL;
        }
      g_array_append_val (rules->ip_patterns, regex);
      if (!lazy_regex_init (&g_array_index (rules->ip_patterns, DhLazyRegex, i), expanded->str, now,
                            "ip_patterns", error))
        return NULL;
    }
  if (!lazy_regex_init (&rules->any_ip, IP_TOKEN, now, "ip token", error))
    return NULL;

  rules->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (rules->rules, rule_clear);
  array = dh_json_get_array (root, "rules");
  if (array == NULL || json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, DH_RULES_ERROR, DH_RULES_ERROR_INVALID, "rules: no rules");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Rule rule = { 0 };

      g_array_append_val (rules->rules, rule);
      if (!load_rule (json_array_get_object_element (array, i),
                      &g_array_index (rules->rules, Rule, rules->rules->len - 1), now, error))
        return NULL;
    }

  return g_steal_pointer (&rules);
}

/* Rules from elsewhere than the build: every pattern is compiled and checked here. */
DhRules *
dh_rules_new_from_bytes (GBytes  *json,
                         GError **error)
{
  g_return_val_if_fail (json != NULL, NULL);
  return rules_load (json, TRUE, error);
}

/* The rules shipped in the GResource; loaded once, kept for the life of the process. */
DhRules *
dh_rules_get_default (void)
{
  static DhRules *rules;

  if (g_once_init_enter (&rules))
    g_once_init_leave (&rules, dh_data_load ("rules.json", (DhDataLoadFunc) rules_load));
  return rules;
}

const char *
dh_rules_system_for_host (DhRules    *rules,
                          const char *host)
{
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (rules != NULL, NULL);
  if (host == NULL)
    return NULL;

  lower = g_ascii_strdown (host, -1);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';

  for (guint i = 0; i < rules->system_hosts->len; i++)
    {
      const SystemHost *entry = &g_array_index (rules->system_hosts, SystemHost, i);
      gsize slen = strlen (entry->suffix);

      if (len >= slen && strcmp (lower + len - slen, entry->suffix) == 0 &&
          (len == slen || lower[len - slen - 1] == '.'))
        return entry->system;
    }
  return NULL;
}

gboolean
dh_rules_is_consumer_domain (DhRules    *rules,
                             const char *domain)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (rules != NULL, FALSE);
  if (domain == NULL)
    return FALSE;
  lower = g_ascii_strdown (domain, -1);
  return g_hash_table_contains (rules->consumer_domains, lower);
}

gboolean
dh_rules_is_consumer_code (DhRules    *rules,
                           const char *code)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  return code != NULL && g_regex_match (dh_lazy_regex_get (&rules->consumer_codes), code, 0, NULL);
}

gboolean
dh_rules_is_microsoft_code (DhRules    *rules,
                            const char *code)
{
  g_return_val_if_fail (rules != NULL, FALSE);
  return code != NULL && g_regex_match (dh_lazy_regex_get (&rules->microsoft_codes), code, 0, NULL);
}

/* GRegex works on UTF-8 and does not check it (PCRE2's JIT reads past a broken sequence), so
 * every text from a message, such as a raw header, is made valid first. Returns @text itself when
 * it is valid, else a valid copy in @copy. */
static const char *
valid_utf8 (const char  *text,
            char       **copy)
{
  *copy = NULL;
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;
  *copy = g_utf8_make_valid (text, -1);
  return *copy;
}

static char *
first_group (GRegex     *regex,
             const char *raw)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *copy = NULL;
  const char *text = valid_utf8 (raw, &copy);

  if (text == NULL || !g_regex_match (regex, text, 0, &match))
    return NULL;

  for (int group = 1; group < g_match_info_get_match_count (match); group++)
    {
      char *value = g_match_info_fetch (match, group);
      if (value != NULL && *value != '\0')
        return value;
      g_free (value);
    }
  return NULL;
}

char *
dh_rules_find_reference_host (DhRules    *rules,
                              const char *text)
{
  g_return_val_if_fail (rules != NULL, NULL);
  return first_group (dh_lazy_regex_get (&rules->reference_host), text);
}

char *
dh_rules_find_provider_code (DhRules    *rules,
                             const char *text)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (rules != NULL, NULL);
  code = first_group (dh_lazy_regex_get (&rules->provider_code), text);
  return code ? g_ascii_strup (code, -1) : NULL;
}

/* Every {IP} match of @regex in @text, in order, that is a valid address and not @exclude. */
static char *
match_ip (GRegex     *regex,
          const char *text,
          const char *exclude)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *token = g_match_info_fetch_named (match, "ip");
      g_autofree char *normal = token ? dh_ip_normalize (token) : NULL;

      if (normal != NULL && (exclude == NULL || g_ascii_strcasecmp (normal, exclude) != 0))
        return g_steal_pointer (&normal);
      if (!g_match_info_next (match, NULL))
        break;
    }
  return NULL;
}

/* The sending IP that the refusing side names in its diagnostic: the first pattern that finds a
 * valid address wins; then any address in the text. @exclude is the remote host's own address. */
char *
dh_rules_find_sending_ip (DhRules    *rules,
                          const char *raw,
                          const char *exclude)
{
  g_autofree char *copy = NULL;
  const char *text = valid_utf8 (raw, &copy);

  g_return_val_if_fail (rules != NULL, NULL);

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < rules->ip_patterns->len; i++)
    {
      char *ip = match_ip (dh_lazy_regex_get (&g_array_index (rules->ip_patterns, DhLazyRegex, i)), text, exclude);
      if (ip != NULL)
        return ip;
    }
  return match_ip (dh_lazy_regex_get (&rules->any_ip), text, exclude);
}

/* @value must be valid UTF-8 (dh_rules_classify checks its input once). */
static gboolean
matches (const DhLazyRegex *lazy,
         const char      *value)
{
  /* A pattern is compiled only when there is a value to match it against. */
  return lazy->pattern == NULL ||
         (value != NULL && g_regex_match (dh_lazy_regex_get ((DhLazyRegex *) lazy), value, 0, NULL));
}

void
dh_rules_classify (DhRules           *rules,
                   const DhRuleInput *raw_input,
                   DhRuleResult      *result)
{
  g_autofree char *diagnostic = NULL, *status = NULL, *reply = NULL, *code = NULL, *action = NULL;
  DhRuleInput valid;
  const DhRuleInput *input = &valid;

  g_return_if_fail (rules != NULL && raw_input != NULL && result != NULL);

  valid = *raw_input;
  valid.diagnostic = valid_utf8 (raw_input->diagnostic, &diagnostic);
  valid.status = valid_utf8 (raw_input->status, &status);
  valid.reply_code = valid_utf8 (raw_input->reply_code, &reply);
  valid.provider_code = valid_utf8 (raw_input->provider_code, &code);
  valid.action = valid_utf8 (raw_input->action, &action);

  for (guint i = 0; i < rules->rules->len; i++)
    {
      const Rule *rule = &g_array_index (rules->rules, Rule, i);

      /* The short fields first: most rules fail there without reading the diagnostic. */
      if (!matches (&rule->status, input->status) ||
          !matches (&rule->reply, input->reply_code) ||
          !matches (&rule->code, input->provider_code) ||
          !matches (&rule->action, input->action) ||
          !matches (&rule->text, input->diagnostic))
        continue;
      if (rule->not_text.pattern != NULL && input->diagnostic != NULL && matches (&rule->not_text, input->diagnostic))
        continue;
      if (rule->system != NULL && g_strcmp0 (rule->system, input->system) != 0)
        continue;
      if (rule->unread && !input->unread)
        continue;
      if (rule->names_ip && input->sending_ip == NULL)
        continue;

      result->id = rule->id;
      result->kind = rule->kind;
      result->remedy = rule->remedy;
      result->set_system = rule->set_system;
      result->is_block = rule->is_block;
      return;
    }

  /* The data ends with a catch-all; reaching here means the data was edited badly. */
  result->id = "none";
  result->kind = g_intern_static_string ("not-a-block");
  result->remedy = g_intern_static_string ("none");
  result->set_system = NULL;
  result->is_block = FALSE;
}
