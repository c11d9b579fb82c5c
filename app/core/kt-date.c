/* kt-date.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates and times as ISO text in local time. Parsing is strict: a date is
 * exactly YYYY-MM-DD, so what is stored always sorts and compares as text.
 */

#define G_LOG_DOMAIN "kt-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-error.h"
#include "core/kt-text.h"

#define DATE_LENGTH 10
#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define MESSAGE_MAX_CHARS 40

/* Reads `count` ASCII digits; FALSE if any is not a digit. */
static gboolean
read_number (const char *text,
             guint       count,
             guint      *out_value)
{
  guint value = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

typedef enum
{
  DATE_OK,
  DATE_BAD_FORM,
  DATE_NO_SUCH_DAY,
  DATE_OUT_OF_RANGE,
} DateResult;

/* Parses the YYYY-MM-DD at the start of text; what follows is the caller's
 * business. */
static DateResult
parse_date_part (const char *text,
                 GDate      *out_date)
{
  guint year, month, day;

  if (strnlen (text, DATE_LENGTH) < DATE_LENGTH
      || !read_number (text, 4, &year) || text[4] != '-'
      || !read_number (text + 5, 2, &month) || text[7] != '-'
      || !read_number (text + 8, 2, &day))
    return DATE_BAD_FORM;

  if (month < 1 || month > 12 || day < 1
      || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) MAX (year, 1)))
    return DATE_NO_SUCH_DAY;

  if (year < YEAR_MIN || year > YEAR_MAX)
    return DATE_OUT_OF_RANGE;

  if (out_date != NULL)
    g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return DATE_OK;
}

static void
set_date_error (GError     **error,
                DateResult   result,
                const char  *text)
{
  g_autofree char *shown = kt_text_for_message (text, MESSAGE_MAX_CHARS);

  switch (result)
    {
    case DATE_NO_SUCH_DAY:
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The date “%s” does not exist"), shown);
      break;

    case DATE_OUT_OF_RANGE:
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The date “%s” is out of range: the year must be between %d and %d"),
                   shown, YEAR_MIN, YEAR_MAX);
      break;

    case DATE_BAD_FORM:
    case DATE_OK:
    default:
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 1985-03-31"),
                   shown);
      break;
    }
}

gboolean
kt_date_parse (const char  *text,
               GDate       *out_date,
               GError     **error)
{
  DateResult result;

  if (text == NULL)
    text = "";

  result = parse_date_part (text, out_date);
  if (result == DATE_OK && text[DATE_LENGTH] != '\0')
    result = DATE_BAD_FORM;

  if (result != DATE_OK)
    {
      set_date_error (error, result, text);
      return FALSE;
    }

  return TRUE;
}

gboolean
kt_date_is_valid (const char *text)
{
  return kt_date_parse (text, NULL, NULL);
}

char *
kt_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
kt_date_from_gdate (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* Reads ":SS" or nothing after "HH:MM"; returns FALSE on anything else. */
static gboolean
parse_time (const char *text,
            guint      *out_hour,
            guint      *out_minute,
            guint      *out_second)
{
  *out_second = 0;

  if (strnlen (text, 5) < 5
      || !read_number (text, 2, out_hour) || text[2] != ':'
      || !read_number (text + 3, 2, out_minute))
    return FALSE;

  if (text[5] == ':')
    {
      if (strnlen (text + 6, 2) < 2 || !read_number (text + 6, 2, out_second)
          || text[8] != '\0')
        return FALSE;
    }
  else if (text[5] != '\0')
    return FALSE;

  return *out_hour <= 23 && *out_minute <= 59 && *out_second <= 59;
}

/* "YYYY-MM-DD HH:MM[:SS]", or with 'T' instead of the space, in local
 * time. */
gboolean
kt_datetime_parse (const char  *text,
                   GDateTime  **out_datetime,
                   GError     **error)
{
  g_autofree char *shown = NULL;
  GDate date;
  GDateTime *datetime = NULL;
  guint hour, minute, second;
  DateResult result;

  if (text == NULL)
    text = "";

  g_date_clear (&date, 1);
  result = parse_date_part (text, &date);
  if (result != DATE_OK)
    {
      set_date_error (error, result, text);
      return FALSE;
    }

  if ((text[DATE_LENGTH] == ' ' || text[DATE_LENGTH] == 'T')
      && parse_time (text + DATE_LENGTH + 1, &hour, &minute, &second))
    datetime = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), (int) hour, (int) minute,
                                      (gdouble) second);

  if (datetime == NULL)
    {
      shown = kt_text_for_message (text, MESSAGE_MAX_CHARS);
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("“%s” is not a date and time: write it as YYYY-MM-DD HH:MM, for example 2024-03-31 14:05"),
                   shown);
      return FALSE;
    }

  if (out_datetime != NULL)
    *out_datetime = datetime;
  else
    g_date_time_unref (datetime);

  return TRUE;
}

char *
kt_datetime_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return kt_datetime_format (now);
}

/* Always written in local time, whatever zone the GDateTime carries, since
 * that is how every time in the register is stored. */
char *
kt_datetime_format (GDateTime *datetime)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  local = g_date_time_to_local (datetime);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Whole days from `from` to `to` (negative when `to` is earlier). Either
 * may be a date or a date and time; only the date counts. Text that does
 * not start with a valid date counts as no difference: these values come
 * from the register, where they were validated on the way in. */
int
kt_date_days_between (const char *from,
                      const char *to)
{
  GDate from_date, to_date;

  g_date_clear (&from_date, 1);
  g_date_clear (&to_date, 1);

  if (from == NULL || to == NULL
      || parse_date_part (from, &from_date) != DATE_OK
      || parse_date_part (to, &to_date) != DATE_OK)
    {
      g_debug ("No days between “%s” and “%s”: not dates",
               from != NULL ? from : "", to != NULL ? to : "");
      return 0;
    }

  return g_date_days_between (&from_date, &to_date);
}
