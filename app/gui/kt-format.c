/* kt-format.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register keeps dates as ISO text ("2025-03-12 14:05:00"); people read
 * "12 Mar 2025". These helpers are called for every visible cell, so they
 * parse by hand instead of going through GDateTime's full parser.
 */

#define G_LOG_DOMAIN "kt-format"

#include "config.h"

#include <glib/gi18n.h>

#include "core/kt-date.h"
#include "kt-format.h"

static gboolean
read_number (const char *text,
             int         digits,
             int        *out_value)
{
  int value = 0;

  for (int i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

/* Reads "YYYY-MM-DD" and an optional " HH:MM[:SS]" after it. */
static GDateTime *
parse_iso (const char *iso,
           gboolean    with_time)
{
  int year, month, day, hour = 0, minute = 0;

  if (iso == NULL ||
      !read_number (iso, 4, &year) || iso[4] != '-' ||
      !read_number (iso + 5, 2, &month) || iso[7] != '-' ||
      !read_number (iso + 8, 2, &day))
    return NULL;

  if (with_time && iso[10] == ' ' &&
      (!read_number (iso + 11, 2, &hour) || iso[13] != ':' ||
       !read_number (iso + 14, 2, &minute)))
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

/**
 * kt_format_date:
 * @iso: "YYYY-MM-DD", optionally followed by a time, or %NULL
 *
 * Returns: (transfer full): the date as people read it, or "" when unknown
 */
char *
kt_format_date (const char *iso)
{
  g_autoptr(GDateTime) date = parse_iso (iso, FALSE);

  if (date == NULL)
    return g_strdup ("");

  /* Translators: a date in lists and the member's profile, see strftime(3);
   * for example "12 Mar 2025". */
  return g_date_time_format (date, _("%-d %b %Y"));
}

/**
 * kt_format_datetime:
 * @iso: "YYYY-MM-DD HH:MM:SS" or %NULL
 *
 * Returns: (transfer full): date and time, or "" when unknown
 */
char *
kt_format_datetime (const char *iso)
{
  g_autoptr(GDateTime) date = parse_iso (iso, TRUE);

  if (date == NULL)
    return g_strdup ("");

  /* Translators: date and time of a purchase, see strftime(3); for example
   * "12 Mar 2025, 14:05". */
  return g_date_time_format (date, _("%-d %b %Y, %H:%M"));
}

/**
 * kt_format_days_ago:
 * @iso: the day something happened ("YYYY-MM-DD…"), or %NULL
 * @today: "YYYY-MM-DD"
 *
 * Returns: (transfer full): "today", "yesterday", "12 days ago", or "" when
 *   unknown
 */
char *
kt_format_days_ago (const char *iso,
                    const char *today)
{
  char day[11];
  int days;

  if (iso == NULL || today == NULL || g_utf8_strlen (iso, 10) < 10)
    return g_strdup ("");

  g_strlcpy (day, iso, sizeof day);
  if (!kt_date_is_valid (day) || !kt_date_is_valid (today))
    return g_strdup ("");

  days = kt_date_days_between (day, today);
  if (days <= 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                          days);
}

/* Thousands grouped by a narrow no-break space, as kt_money_format_currency()
 * groups money: counts and amounts side by side read alike. */
static char *
format_grouped (guint64  magnitude,
                gboolean negative)
{
  char digits[24];
  int length = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  GString *out = g_string_sized_new (length * 2);

  if (negative)
    g_string_append (out, "−");
  for (int i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * kt_format_count:
 * @count: a number of things
 *
 * Returns: (transfer full): @count with its thousands grouped
 */
char *
kt_format_count (guint64 count)
{
  return format_grouped (count, FALSE);
}

/**
 * kt_format_points:
 * @points: a points balance, possibly negative
 *
 * Returns: (transfer full): @points with its thousands grouped
 */
char *
kt_format_points (gint64 points)
{
  /* -(G_MININT64) does not fit in a gint64; the detour through +1 does. */
  guint64 magnitude = points < 0 ? (guint64) -(points + 1) + 1 : (guint64) points;

  return format_grouped (magnitude, points < 0);
}
