/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-rules.h: the verdict rules of data/rules.json, compiled once. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DH_RULES_ERROR (dh_rules_error_quark ())
GQuark dh_rules_error_quark (void);

typedef enum {
  DH_RULES_ERROR_INVALID,
} DhRulesError;

typedef struct _DhRules DhRules;

typedef struct {
  const char *diagnostic;
  const char *status;
  const char *reply_code;
  const char *provider_code;
  const char *system;
  const char *action;
  const char *sending_ip;   /* the sender's address the diagnostic names, or NULL */
} DhRuleInput;

typedef struct {
  const char *id;
  const char *kind;
  const char *remedy;
  const char *set_system; /* NULL: keep the detected system */
  gboolean    is_block;
} DhRuleResult;

DhRules     *dh_rules_new_from_bytes   (GBytes            *json,
                                        GError           **error);
DhRules     *dh_rules_get_default      (void);
void         dh_rules_free             (DhRules           *rules);

const char  *dh_rules_system_for_host  (DhRules           *rules,
                                        const char        *host);
gboolean     dh_rules_is_consumer_domain (DhRules         *rules,
                                        const char        *domain);
gboolean     dh_rules_is_consumer_code (DhRules           *rules,
                                        const char        *code);
gboolean     dh_rules_is_microsoft_code (DhRules          *rules,
                                        const char        *code);
char        *dh_rules_find_reference_host (DhRules        *rules,
                                        const char        *text);
char        *dh_rules_find_provider_code (DhRules         *rules,
                                        const char        *text);
char        *dh_rules_find_sending_ip  (DhRules           *rules,
                                        const char        *text,
                                        const char        *exclude);
void         dh_rules_classify         (DhRules           *rules,
                                        const DhRuleInput *input,
                                        DhRuleResult      *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhRules, dh_rules_free)

G_END_DECLS
