/* kt-money.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts as typed by people and as shown to them. Everything is integer
 * arithmetic on minor units; a float never touches money.
 */

#define G_LOG_DOMAIN "kt-money"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "core/kt-error.h"
#include "core/kt-money.h"
#include "core/kt-text.h"

#define MESSAGE_MAX_CHARS 40

#define NARROW_NO_BREAK_SPACE "\u202f"
#define NO_BREAK_SPACE "\u00a0"

/* ---- currencies --------------------------------------------------------- */

typedef struct
{
  const char *code;
  const char *symbol;         /* NULL: show the code */
  gboolean    symbol_first;
} Currency;

/* Every currency here has two minor digits, which KtMoney assumes. */
static const Currency currencies[] = {
  { "UAH", "₴", FALSE },
  { "RUB", "₽", FALSE },
  { "HUF", "Ft", FALSE },
  { "EUR", "€", FALSE },
  { "USD", "$", TRUE },
  { "GBP", NULL, FALSE },
  { "PLN", NULL, FALSE },
  { "CZK", NULL, FALSE },
  { "RON", NULL, FALSE },
  { "BGN", NULL, FALSE },
  { "KZT", NULL, FALSE },
  { "GEL", NULL, FALSE },
  { "MDL", NULL, FALSE },
  { "CHF", NULL, FALSE },
  { "SEK", NULL, FALSE },
  { "NOK", NULL, FALSE },
  { "DKK", NULL, FALSE },
};

static const Currency *
find_currency (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (strcmp (currencies[i].code, code) == 0)
        return &currencies[i];
    }

  return NULL;
}

/* ISO 4217 codes are upper case; "uah" is not accepted, so that the code
 * stored in the settings is always the canonical one. */
gboolean
kt_currency_is_known (const char *code)
{
  return find_currency (code) != NULL;
}

/* ---- parsing ------------------------------------------------------------ */

typedef enum
{
  PARSE_OK,
  PARSE_EMPTY,
  PARSE_GARBAGE,
  PARSE_GROUPING,
  PARSE_DECIMALS,
  PARSE_TOO_LARGE,
} ParseResult;

static gboolean
is_group_separator (gunichar c)
{
  return c == ' ' || c == 0x00a0 || c == 0x202f || c == '\'' || c == 0x2019;
}

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0x2212;
}

/* Parses the integer part, "1234" or grouped by three as "1 234 567". On
 * return *p is at the first character that is neither a digit nor a group
 * separator. Values above the limit stop accumulating but keep parsing, so
 * that "12345678901234x" is reported as garbage rather than as too large. */
static ParseResult
parse_integer_part (const char **p,
                    guint64     *out_value,
                    guint       *out_digits,
                    gboolean    *out_too_large)
{
  guint64 value = 0;
  guint digits = 0;
  guint group_length = 0;
  gboolean grouped = FALSE;
  gboolean after_separator = FALSE;

  for (;; *p = g_utf8_next_char (*p))
    {
      gunichar c = g_utf8_get_char (*p);

      if (g_ascii_isdigit (c))
        {
          if (value > (guint64) KT_MONEY_MAX / 100)
            *out_too_large = TRUE;
          else
            value = value * 10 + (c - '0');
          digits++;
          group_length++;
          after_separator = FALSE;
        }
      else if (is_group_separator (c))
        {
          if (group_length == 0 || group_length > 3 || (grouped && group_length != 3))
            return PARSE_GROUPING;
          grouped = TRUE;
          group_length = 0;
          after_separator = TRUE;
        }
      else
        break;
    }

  /* "12 UAH": a separator followed by something other than digits is not
   * a badly grouped number but something else altogether. */
  if (after_separator)
    return PARSE_GARBAGE;
  if (grouped && group_length != 3)
    return PARSE_GROUPING;

  *out_value = value;
  *out_digits = digits;
  return PARSE_OK;
}

static ParseResult
parse_unsigned (const char *text,
                KtMoney    *out_amount)
{
  const char *p = text;
  guint64 units = 0;
  guint64 cents = 0;
  guint int_digits = 0;
  guint decimals = 0;
  gboolean too_large = FALSE;
  ParseResult result;

  result = parse_integer_part (&p, &units, &int_digits, &too_large);
  if (result != PARSE_OK)
    return result;

  if (*p == '.' || *p == ',')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          if (decimals < 2)
            cents = cents * 10 + (guint64) (*p - '0');
          decimals++;
        }
    }

  if (*p != '\0' || int_digits + decimals == 0)
    return PARSE_GARBAGE;
  if (decimals > 2)
    return PARSE_DECIMALS;
  if (decimals == 1)
    cents *= 10;

  if (too_large || units * 100 + cents > (guint64) KT_MONEY_MAX)
    return PARSE_TOO_LARGE;

  *out_amount = (KtMoney) (units * 100 + cents);
  return PARSE_OK;
}

/* Surrounding white space, including the no-break spaces that copying from
 * a spreadsheet brings along. */
static char *
strip_spaces (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *last = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (last)))
        break;
      end = last;
    }

  return g_strndup (start, (gsize) (end - start));
}

static void
set_parse_error (GError      **error,
                 ParseResult   result,
                 const char   *text)
{
  g_autofree char *shown = kt_text_for_message (text, MESSAGE_MAX_CHARS);
  g_autofree char *largest = NULL;

  switch (result)
    {
    case PARSE_EMPTY:
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("Enter an amount, for example 12.50"));
      break;

    case PARSE_GROUPING:
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The amount “%s” is not valid: group thousands by three digits, for example 1 234.50"),
                   shown);
      break;

    case PARSE_DECIMALS:
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The amount “%s” has more than two decimal places"),
                   shown);
      break;

    case PARSE_TOO_LARGE:
      largest = kt_money_format (KT_MONEY_MAX);
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The amount “%s” is too large: the largest amount accepted is %s"),
                   shown, largest);
      break;

    case PARSE_GARBAGE:
    case PARSE_OK:
    default:
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("“%s” is not an amount: use digits and an optional decimal point, for example 1234.50"),
                   shown);
      break;
    }
}

/* Accepts "12", "12.3", "12.34", "12,34", "1 234,50", "1'234.50": one
 * decimal separator (point or comma) and, in the whole part, thousands
 * grouped by three with a space, a no-break space or an apostrophe. A comma
 * is never a thousands separator, so "1,234" (three decimals) is refused
 * instead of being read as either 1.23 or 1234. */
gboolean
kt_money_parse (const char  *text,
                KtMoney     *out_amount,
                GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *stripped = NULL;
  KtMoney amount = 0;
  ParseResult result;

  valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  stripped = strip_spaces (valid);

  if (*stripped == '\0')
    result = PARSE_EMPTY;
  else if (is_minus (g_utf8_get_char (stripped)))
    {
      /* Only call it negative when the rest is an amount; "-abc" is just
       * not an amount. */
      result = parse_unsigned (g_utf8_next_char (stripped), &amount);
      if (result == PARSE_OK)
        {
          g_autofree char *shown = kt_text_for_message (stripped, MESSAGE_MAX_CHARS);

          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("The amount “%s” is negative: enter zero or more"),
                       shown);
          return FALSE;
        }
    }
  else
    result = parse_unsigned (stripped, &amount);

  if (result != PARSE_OK)
    {
      set_parse_error (error, result, stripped);
      return FALSE;
    }

  if (out_amount != NULL)
    *out_amount = amount;
  return TRUE;
}

/* ---- formatting --------------------------------------------------------- */

static guint64
magnitude (KtMoney amount)
{
  /* -(G_MININT64) does not fit in a gint64; the detour through +1 does. */
  return amount < 0 ? (guint64) -(amount + 1) + 1 : (guint64) amount;
}

/* The plain form for the CLI, JSON and files: "-1234.50". It parses back
 * with kt_money_parse() when not negative. */
char *
kt_money_format (KtMoney amount)
{
  guint64 mag = magnitude (amount);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          amount < 0 ? "-" : "",
                          mag / 100, (guint) (mag % 100));
}

static const char *
locale_decimal_point (void)
{
  const struct lconv *conv = localeconv ();

  if (conv == NULL || conv->decimal_point == NULL || conv->decimal_point[0] == '\0'
      || !g_utf8_validate (conv->decimal_point, -1, NULL))
    return ".";

  return conv->decimal_point;
}

static void
append_grouped (GString *out,
                guint64  units)
{
  char digits[24];
  int length = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, units);

  for (int i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (out, NARROW_NO_BREAK_SPACE);
      g_string_append_c (out, digits[i]);
    }
}

/* The display form, for screens, receipts and printed cards.
 *
 * Thousands are grouped by a narrow no-break space, which reads the same in
 * every language and, unlike a point or a comma, can never be mistaken for
 * the decimal separator. The decimal separator is the user's (LC_NUMERIC),
 * so a shop in Kyiv sees "1 234,50 ₴". The currency follows the number
 * after a no-break space, as its symbol for the five currencies whose
 * symbol is unambiguous (₴ ₽ Ft € $) and as its ISO code otherwise; only
 * the dollar sign goes before the number ("$1 234.50"), as it is written
 * everywhere. A NULL or empty currency gives the number alone.
 */
char *
kt_money_format_currency (KtMoney     amount,
                          const char *currency)
{
  const Currency *known = find_currency (currency);
  const char *mark = known != NULL && known->symbol != NULL ? known->symbol : currency;
  gboolean mark_first = known != NULL && known->symbol_first;
  gboolean has_mark = mark != NULL && *mark != '\0';
  guint64 mag = magnitude (amount);
  GString *out = g_string_new (NULL);

  if (amount < 0)
    g_string_append_c (out, '-');
  if (has_mark && mark_first)
    g_string_append (out, mark);

  append_grouped (out, mag / 100);
  g_string_append_printf (out, "%s%02u", locale_decimal_point (), (guint) (mag % 100));

  if (has_mark && !mark_first)
    {
      g_string_append (out, NO_BREAK_SPACE);
      g_string_append (out, mark);
    }

  return g_string_free (out, FALSE);
}

/* ---- percentages -------------------------------------------------------- */

/* amount × basis_points / 10000, rounded half-up (half away from zero for a
 * negative amount, so a refund mirrors its purchase). The amount is split
 * as q × 10000 + r so that no intermediate product can overflow: r × bp
 * stays below 10^4 × bp. For bp <= 10000 the result never exceeds the
 * amount: (r × bp + 5000) / 10000 <= r. A result beyond gint64 (only with
 * huge amounts and bp far above 100 %) saturates. */
KtMoney
kt_money_percent (KtMoney amount,
                  gint64  basis_points)
{
  guint64 mag = magnitude (amount);
  guint64 whole;
  guint64 part;
  guint64 result;

  g_return_val_if_fail (basis_points >= 0, 0);

  if (!g_uint64_checked_mul (&whole, mag / 10000, (guint64) basis_points)
      || !g_uint64_checked_mul (&part, mag % 10000, (guint64) basis_points)
      || !g_uint64_checked_add (&result, whole, part / 10000 + (part % 10000 >= 5000))
      || result > (guint64) G_MAXINT64)
    result = G_MAXINT64;

  return amount < 0 ? -(KtMoney) result : (KtMoney) result;
}
