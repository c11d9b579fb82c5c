/* kt-date.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are stored as ISO text in the shop's local time: "YYYY-MM-DD" and
 * "YYYY-MM-DD HH:MM:SS". They sort as text and read well in the database.
 */

gboolean   kt_date_parse        (const char  *text,
                                 GDate       *out_date,
                                 GError     **error);
gboolean   kt_date_is_valid     (const char  *text);
char      *kt_date_today        (void);
char      *kt_date_from_gdate   (const GDate *date);
gboolean   kt_datetime_parse    (const char  *text,
                                 GDateTime  **out_datetime,
                                 GError     **error);
char      *kt_datetime_now      (void);
char      *kt_datetime_format   (GDateTime   *datetime);
int        kt_date_days_between (const char  *from,
                                 const char  *to);

G_END_DECLS
