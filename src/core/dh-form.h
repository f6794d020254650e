/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-form.h: Microsoft's delisting forms (data/forms.json) and the values to paste into them. */
#pragma once

#include <gio/gio.h>

#include "dh-case.h"
#include "dh-report.h"

G_BEGIN_DECLS

/* Form ids; they are the remedy ids of data/rules.json. */
#define DH_FORM_OUTLOOK "outlook-delist-form"
#define DH_FORM_PORTAL  "office365-delist-portal"
#define DH_FORM_EMAIL   "delist-email"

/* Why a value is what it is; the GUI keys its explanations on these ids:
 * missing: not in the bounce, ask the user; title-english: Microsoft's support works in English;
 * domain-mapped: outlook.jp & co. are no options; domain-other: not an Outlook.com domain;
 * contact-from-sender: the address the bounce came back to; timezone-local: the computer's zone;
 * timezone-unknown: no Windows zone for it, choose one; self-description-business: a site owner's
 * mail is business mail; ip-guess: the bounce does not name the IP; hosting-unknown: shared or
 * not was not answered; website-guessed: https://<sender domain>/. */
#define DH_FORM_NOTE_MISSING             "missing"
#define DH_FORM_NOTE_TITLE_ENGLISH       "title-english"
#define DH_FORM_NOTE_TITLE_JAPANESE      "title-japanese"
#define DH_FORM_NOTE_DOMAIN_MAPPED       "domain-mapped"
#define DH_FORM_NOTE_DOMAIN_OTHER        "domain-other"
#define DH_FORM_NOTE_CONTACT_FROM_SENDER "contact-from-sender"
#define DH_FORM_NOTE_TIMEZONE_LOCAL      "timezone-local"
#define DH_FORM_NOTE_TIMEZONE_UNKNOWN    "timezone-unknown"
#define DH_FORM_NOTE_BUSINESS            "self-description-business"
#define DH_FORM_NOTE_IP_GUESS            "ip-guess"
#define DH_FORM_NOTE_HOSTING_UNKNOWN     "hosting-unknown"
#define DH_FORM_NOTE_WEBSITE_GUESSED     "website-guessed"

/* A field of a form definition. */
typedef struct {
  const char         *id;            /* the element id on the page, e.g. "DomainTo" */
  const char         *control;       /* "text", "select" or "textarea" */
  const char         *label_en;
  const char         *label_ja;      /* label_en when the data has no Japanese label */
  const char * const *options;       /* a select's fixed options (value = text), or NULL */
  const char         *options_from;  /* "timezones": the options are the Windows zones */
} DhFormField;

/* A form of data/forms.json. Definitions live as long as the process. */
typedef struct {
  const char *id;
  const char *url;                   /* a fixed https address, or NULL (the e-mail) */
  const char *to;                    /* the delisting e-mail's address, or NULL */
  GPtrArray  *fields;                /* DhFormField*, in page order */
} DhFormDefinition;

/* What the user gives. Facts the user corrected override the report's (NULL: the report's). */
typedef struct {
  const char *contact_name;
  const char *contact_email;         /* NULL: the bounce's sender address */
  const char *language;              /* labels and time-zone text: "ja" or "en" (NULL: "en") */
  const char *title_language;        /* the ready title's: "ja" or "en" (NULL: "en") */
  const char *timezone;              /* IANA id; NULL: the system's */
  DhHosting   hosting;
  const char *website;               /* NULL: https://<sender domain>/ */
  const char *blocked_ip;
  const char *sender_domain;
  const char *recipient_domain;
  const char *provider_code;
  const char *diagnostic;
} DhFormInput;

typedef struct {
  const char *field_id;
  const char *control;
  const char *label;                 /* in the chosen language */
  char       *value;                 /* to paste, or a select's text; NULL: unknown, ask */
  char       *option_value;          /* a select's option value (ddlTimezones: Windows id) */
  const char *note;                  /* a DH_FORM_NOTE_* id, or NULL */
  gboolean    mapped;                /* the nearest option, not the fact itself (see source) */
  char       *source;                /* the fact a select was chosen from ("outlook.jp") */
} DhFormValue;

typedef struct {
  const char *form_id;
  const char *url;
  const char *language;              /* of the labels: "ja" or "en" */
  GPtrArray  *values;                /* DhFormValue*, in page order */
} DhFormValues;

const DhFormDefinition *dh_form_get_definition       (const char             *form_id);
const DhFormField      *dh_form_definition_get_field (const DhFormDefinition *definition,
                                                      const char             *field_id);
const char             *dh_form_definition_get_text  (const DhFormDefinition *definition,
                                                      const char             *key,
                                                      const char             *language);
const char             *dh_form_field_get_label      (const DhFormField      *field,
                                                      const char             *language);

const char             *dh_form_outlook_domain_option (const char            *recipient_domain,
                                                       gboolean              *mapped);

DhFormValues           *dh_form_fill_outlook         (DhReport               *report,
                                                      const DhFormInput      *input);
DhFormValues           *dh_form_fill_outlook_for_case (DhCase               *dh_case,
                                                       const DhFormInput    *answers);
DhFormValues           *dh_form_fill_portal          (DhCase                 *dh_case);
const DhFormValue      *dh_form_values_get           (DhFormValues           *values,
                                                      const char             *field_id);
char                   *dh_form_values_to_text       (DhFormValues           *values);
void                    dh_form_values_free          (DhFormValues           *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DhFormValues, dh_form_values_free)

G_END_DECLS
