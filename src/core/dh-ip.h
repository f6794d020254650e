/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dh-ip.h: sending-IP parsing and classification with GInetAddress. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DH_IP_FLAG_NONE          = 0,
  DH_IP_FLAG_DOCUMENTATION = 1 << 0, /* RFC 5737 / RFC 3849 example ranges */
  DH_IP_FLAG_PRIVATE       = 1 << 1, /* RFC 1918, RFC 4193 unique local, CGNAT */
  DH_IP_FLAG_LOOPBACK      = 1 << 2,
  DH_IP_FLAG_LINK_LOCAL    = 1 << 3,
  DH_IP_FLAG_UNSPECIFIED   = 1 << 4, /* 0.0.0.0, ::, multicast, reserved */
} DhIpFlags;

GInetAddress *dh_ip_parse      (const char   *text);
char         *dh_ip_normalize  (const char   *text);
DhIpFlags     dh_ip_classify   (GInetAddress *address);
gboolean      dh_ip_is_public  (GInetAddress *address);
const char  **dh_ip_flag_names (DhIpFlags     flags);

G_END_DECLS
