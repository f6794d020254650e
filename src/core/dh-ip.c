/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-ip.c: sending-IP parsing and classification with GInetAddress and GInetAddressMask. */
#include "config.h"

#include "dh-ip.h"

#include <string.h>

/* Ranges that GInetAddress has no predicate for. */
static const struct {
  const char *cidr;
  DhIpFlags   flag;
} special_ranges[] = {
  { "192.0.2.0/24", DH_IP_FLAG_DOCUMENTATION },
  { "198.51.100.0/24", DH_IP_FLAG_DOCUMENTATION },
  { "203.0.113.0/24", DH_IP_FLAG_DOCUMENTATION },
  { "2001:db8::/32", DH_IP_FLAG_DOCUMENTATION },
  { "3fff::/20", DH_IP_FLAG_DOCUMENTATION },
  { "10.0.0.0/8", DH_IP_FLAG_PRIVATE },
  { "172.16.0.0/12", DH_IP_FLAG_PRIVATE },
  { "192.168.0.0/16", DH_IP_FLAG_PRIVATE },
  { "100.64.0.0/10", DH_IP_FLAG_PRIVATE },
  { "fc00::/7", DH_IP_FLAG_PRIVATE },
  { "240.0.0.0/4", DH_IP_FLAG_UNSPECIFIED },
};

static GInetAddressMask *masks[G_N_ELEMENTS (special_ranges)];

static void
ensure_masks (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (special_ranges); i++)
        {
          masks[i] = g_inet_address_mask_new_from_string (special_ranges[i].cidr, NULL);
          g_assert (masks[i] != NULL);
        }
      g_once_init_leave (&initialized, 1);
    }
}

/* Parses an IPv4 or IPv6 literal as bounces write it: optional brackets, an "IPv6:" tag,
 * a zone or trailing dot are tolerated. Returns NULL for anything GInetAddress refuses. */
GInetAddress *
dh_ip_parse (const char *text)
{
  g_autofree char *copy = NULL;
  char *s;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  copy = g_strstrip (g_strdup (text));
  s = copy;
  if (*s == '[')
    s++;
  if (g_ascii_strncasecmp (s, "IPv6:", 5) == 0)
    s += 5;
  len = strlen (s);
  while (len > 0 && (s[len - 1] == ']' || s[len - 1] == '.' || s[len - 1] == ','))
    s[--len] = '\0';
  if (len == 0 || len > 45)
    return NULL;

  /* GLib accepts some shorthand (e.g. "1.2.3") through inet_pton on some platforms: demand a
   * dotted quad or a colon form. */
  if (strchr (s, ':') == NULL)
    {
      guint dots = 0;
      for (const char *p = s; *p; p++)
        {
          if (*p == '.')
            dots++;
          else if (!g_ascii_isdigit (*p))
            return NULL;
        }
      if (dots != 3)
        return NULL;
    }

  return g_inet_address_new_from_string (s);
}

char *
dh_ip_normalize (const char *text)
{
  g_autoptr(GInetAddress) address = dh_ip_parse (text);

  return address ? g_inet_address_to_string (address) : NULL;
}

DhIpFlags
dh_ip_classify (GInetAddress *address)
{
  DhIpFlags flags = DH_IP_FLAG_NONE;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), DH_IP_FLAG_NONE);

  ensure_masks ();

  if (g_inet_address_get_is_loopback (address))
    flags |= DH_IP_FLAG_LOOPBACK;
  if (g_inet_address_get_is_link_local (address))
    flags |= DH_IP_FLAG_LINK_LOCAL;
  if (g_inet_address_get_is_site_local (address))
    flags |= DH_IP_FLAG_PRIVATE;
  if (g_inet_address_get_is_any (address) || g_inet_address_get_is_multicast (address))
    flags |= DH_IP_FLAG_UNSPECIFIED;

  for (guint i = 0; i < G_N_ELEMENTS (special_ranges); i++)
    if (g_inet_address_mask_get_family (masks[i]) == g_inet_address_get_family (address) &&
        g_inet_address_mask_matches (masks[i], address))
      flags |= special_ranges[i].flag;

  return flags;
}

gboolean
dh_ip_is_public (GInetAddress *address)
{
  return (dh_ip_classify (address) & ~DH_IP_FLAG_DOCUMENTATION) == 0;
}

/* Returns a NULL-terminated static array of flag names (owned by this file). */
const char **
dh_ip_flag_names (DhIpFlags flags)
{
  static const char *names[] = { "documentation", "private", "loopback", "link-local", "reserved" };
  static const char *table[1 << G_N_ELEMENTS (names)][G_N_ELEMENTS (names) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint f = 0; f < G_N_ELEMENTS (table); f++)
        {
          guint n = 0;
          for (guint b = 0; b < G_N_ELEMENTS (names); b++)
            if (f & (1u << b))
              table[f][n++] = names[b];
          table[f][n] = NULL;
        }
      g_once_init_leave (&initialized, 1);
    }

  return table[flags & (G_N_ELEMENTS (table) - 1)];
}
