/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-fake-resolver.h: a GResolver test double with fixed answers, delays and silent names. */
#pragma once

#include <gio/gio.h>

#include "dh-blocklists.h"
#include "dh-net.h"

G_BEGIN_DECLS

#define DH_TYPE_FAKE_RESOLVER (dh_fake_resolver_get_type ())
G_DECLARE_FINAL_TYPE (DhFakeResolver, dh_fake_resolver, DH, FAKE_RESOLVER, GResolver)

DhFakeResolver *dh_fake_resolver_new            (void);
/* @name answers @address (IPv4 or IPv6); call again to add more addresses. */
void            dh_fake_resolver_add_address    (DhFakeResolver *self,
                                                 const char     *name,
                                                 const char     *address);
/* Every zone of @lists (NULL: the built-in ones, named as @options would ask them) lists its
 * RFC 5782 test entries, as a block list that answers does. */
void            dh_fake_resolver_add_test_entries (DhFakeResolver     *self,
                                                   DhBlocklists       *lists,
                                                   const DhNetOptions *options);
/* The PTR of @address. */
void            dh_fake_resolver_add_ptr        (DhFakeResolver *self,
                                                 const char     *address,
                                                 const char     *name);
/* Names ending in @suffix answer after @delay_ms; G_MAXUINT: never (until cancelled). */
void            dh_fake_resolver_set_delay      (DhFakeResolver *self,
                                                 const char     *suffix,
                                                 guint           delay_ms);
/* Names ending in @suffix fail with G_RESOLVER_ERROR_TEMPORARY_FAILURE (SERVFAIL). */
void            dh_fake_resolver_set_failing    (DhFakeResolver *self,
                                                 const char     *suffix);
/* Names it does not know answer @address instead of NXDOMAIN (a resolver that rewrites). */
void            dh_fake_resolver_set_rewrite    (DhFakeResolver *self,
                                                 const char     *address);
guint           dh_fake_resolver_get_n_lookups  (DhFakeResolver *self);

G_END_DECLS
