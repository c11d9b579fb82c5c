/* kt-format.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How the window shows the register's ISO dates and counts to a person. */
char *kt_format_date      (const char *iso);
char *kt_format_datetime  (const char *iso);
char *kt_format_days_ago  (const char *iso,
                           const char *today);
char *kt_format_count     (guint64     count);
char *kt_format_points    (gint64      points);

G_END_DECLS
