/* test-money.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-money"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core/kt-error.h"
#include "core/kt-money.h"

#define NNBSP "\u202f"
#define NBSP "\u00a0"

static KtMoney
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  KtMoney amount = -1;

  if (!kt_money_parse (text, &amount, &error))
    g_error ("“%s” was refused: %s", text, error->message);

  return amount;
}

static void
test_parse_accepted (void)
{
  g_assert_cmpint (parse_ok ("12"), ==, 1200);
  g_assert_cmpint (parse_ok ("12.3"), ==, 1230);
  g_assert_cmpint (parse_ok ("12.34"), ==, 1234);
  g_assert_cmpint (parse_ok ("12,34"), ==, 1234);
  g_assert_cmpint (parse_ok ("12."), ==, 1200);
  g_assert_cmpint (parse_ok (".5"), ==, 50);
  g_assert_cmpint (parse_ok ("0"), ==, 0);
  g_assert_cmpint (parse_ok ("0.05"), ==, 5);
  g_assert_cmpint (parse_ok ("007.10"), ==, 710);
  g_assert_cmpint (parse_ok ("  7.05\n"), ==, 705);
  g_assert_cmpint (parse_ok (NBSP "19,99" NBSP), ==, 1999);
}

static void
test_parse_thousands (void)
{
  g_assert_cmpint (parse_ok ("1 234,50"), ==, 123450);
  g_assert_cmpint (parse_ok ("1" NNBSP "234.50"), ==, 123450);
  g_assert_cmpint (parse_ok ("1" NBSP "234"), ==, 123400);
  g_assert_cmpint (parse_ok ("1'234'567.89"), ==, 123456789);
  g_assert_cmpint (parse_ok ("12 345 678"), ==, 1234567800);
}

static void
test_parse_limit (void)
{
  g_assert_cmpint (parse_ok ("1000000000"), ==, KT_MONEY_MAX);
  g_assert_cmpint (parse_ok ("1 000 000 000.00"), ==, KT_MONEY_MAX);
  g_assert_cmpint (parse_ok ("999999999.99"), ==, KT_MONEY_MAX - 1);
}

static void
assert_refused (const char *text,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  KtMoney amount = -1;

  if (kt_money_parse (text, &amount, &error))
    g_error ("“%s” was accepted as %" G_GINT64_FORMAT, text, amount);

  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_cmpint (amount, ==, -1);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, message_part) == NULL)
    g_error ("Refusing “%s”: “%s” does not say “%s”", text, error->message, message_part);
}

static void
test_parse_refused (void)
{
  assert_refused ("", "Enter an amount");
  assert_refused ("   ", "Enter an amount");
  assert_refused (NULL, "Enter an amount");

  assert_refused ("-5", "negative");
  assert_refused ("-0.01", "negative");
  assert_refused ("\u22125", "negative");

  assert_refused ("12.345", "more than two decimal places");
  assert_refused ("1,234", "more than two decimal places");

  assert_refused ("1000000000.01", "too large");
  assert_refused ("99999999999999999999999999", "too large");
  assert_refused ("18446744073709551617", "too large");

  assert_refused ("abc", "is not an amount");
  assert_refused ("12abc", "is not an amount");
  assert_refused ("12 UAH", "is not an amount");
  assert_refused ("1e5", "is not an amount");
  assert_refused ("1.234,50", "is not an amount");
  assert_refused ("12.3.4", "is not an amount");
  assert_refused (".", "is not an amount");
  assert_refused ("-abc", "is not an amount");
  assert_refused ("+5", "is not an amount");
  assert_refused ("\xff" "12", "is not an amount");

  assert_refused ("12 34", "group thousands by three");
  assert_refused ("1234 567", "group thousands by three");
  assert_refused ("1 2345", "group thousands by three");
  assert_refused ("1  234", "group thousands by three");
  assert_refused ("12'", "is not an amount");
}

static void
test_format (void)
{
  const struct
  {
    KtMoney amount;
    const char *text;
  } cases[] = {
    { 0, "0.00" },
    { 5, "0.05" },
    { 50, "0.50" },
    { 123450, "1234.50" },
    { -305, "-3.05" },
    { KT_MONEY_MAX, "1000000000.00" },
    { G_MAXINT64, "92233720368547758.07" },
    { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kt_money_format (cases[i].amount);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_parse_round_trip (void)
{
  const KtMoney amounts[] = { 0, 1, 9, 10, 99, 100, 101, 123456, 100000, KT_MONEY_MAX - 1, KT_MONEY_MAX };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *plain = kt_money_format (amounts[i]);
      g_autofree char *display = kt_money_format_currency (amounts[i], "HUF");
      g_autofree char *number_only = kt_money_format_currency (amounts[i], NULL);

      g_assert_cmpint (parse_ok (plain), ==, amounts[i]);
      /* What the screen shows can be typed or pasted back. */
      g_assert_cmpint (parse_ok (number_only), ==, amounts[i]);
      g_assert_true (g_str_has_suffix (display, NBSP "Ft"));
    }
}

static void
test_format_currency (void)
{
  const struct
  {
    KtMoney amount;
    const char *currency;
    const char *text;
  } cases[] = {
    { 123450, "UAH", "1" NNBSP "234.50" NBSP "₴" },
    { 123450, "RUB", "1" NNBSP "234.50" NBSP "₽" },
    { 123450, "HUF", "1" NNBSP "234.50" NBSP "Ft" },
    { 123450, "EUR", "1" NNBSP "234.50" NBSP "€" },
    { 123450, "USD", "$1" NNBSP "234.50" },
    { -305, "USD", "-$3.05" },
    { -305, "EUR", "-3.05" NBSP "€" },
    { 99999, "GBP", "999.99" NBSP "GBP" },
    { 123456789012, "PLN", "1" NNBSP "234" NNBSP "567" NNBSP "890.12" NBSP "PLN" },
    { 0, "CHF", "0.00" NBSP "CHF" },
    { 100000, NULL, "1" NNBSP "000.00" },
    { 100000, "", "1" NNBSP "000.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kt_money_format_currency (cases[i].amount, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

/* A Ukrainian locale (decimal comma) for LC_NUMERIC: the installed one, or
 * one compiled into tmp_dir with localedef, since build machines often
 * have only C.UTF-8. NULL when neither works. */
static const char *
use_decimal_comma_locale (const char *tmp_dir)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *target = NULL;
  int status = -1;

  if (setlocale (LC_NUMERIC, "uk_UA.UTF-8") != NULL)
    return "uk_UA.UTF-8";

  if (localedef == NULL || tmp_dir == NULL)
    return NULL;

  target = g_build_filename (tmp_dir, "uk_UA.UTF-8", NULL);
  if (!g_spawn_sync (NULL,
                     (char *[]) { localedef, (char *) "-i", (char *) "uk_UA",
                                  (char *) "-f", (char *) "UTF-8", target, NULL },
                     NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return NULL;

  /* glibc reads LOCPATH on every setlocale () call. */
  g_setenv ("LOCPATH", tmp_dir, TRUE);
  if (setlocale (LC_NUMERIC, "uk_UA.UTF-8") != NULL)
    return "uk_UA.UTF-8";

  return NULL;
}

/* The decimal separator follows LC_NUMERIC; the grouping and the currency
 * sign do not. */
static void
test_format_currency_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *tmp_dir = g_dir_make_tmp ("test-money-XXXXXX", NULL);
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  if (use_decimal_comma_locale (tmp_dir) == NULL)
    {
      g_test_skip ("No locale with a decimal comma is available");
      if (tmp_dir != NULL)
        remove_tree (tmp_dir);
      return;
    }

  text = kt_money_format_currency (123450, "UAH");
  plain = kt_money_format (123450);
  setlocale (LC_NUMERIC, saved);
  g_unsetenv ("LOCPATH");
  remove_tree (tmp_dir);

  g_assert_cmpstr (text, ==, "1" NNBSP "234,50" NBSP "₴");
  /* The plain form is for files and scripts: never localised. */
  g_assert_cmpstr (plain, ==, "1234.50");
}

static void
test_currency_known (void)
{
  const char *known[] = {
    "UAH", "RUB", "HUF", "EUR", "USD", "GBP", "PLN", "CZK", "RON",
    "BGN", "KZT", "GEL", "MDL", "CHF", "SEK", "NOK", "DKK",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    g_assert_true (kt_currency_is_known (known[i]));

  g_assert_false (kt_currency_is_known ("uah"));
  g_assert_false (kt_currency_is_known ("JPY"));   /* no minor unit */
  g_assert_false (kt_currency_is_known ("XYZ"));
  g_assert_false (kt_currency_is_known ("UAHX"));
  g_assert_false (kt_currency_is_known (""));
  g_assert_false (kt_currency_is_known (NULL));
}

static void
test_percent_values (void)
{
  g_assert_cmpint (kt_money_percent (100000, 500), ==, 5000);  /* 5 % of 1000.00 */
  g_assert_cmpint (kt_money_percent (12345, 0), ==, 0);
  g_assert_cmpint (kt_money_percent (12345, 10000), ==, 12345);
  g_assert_cmpint (kt_money_percent (0, 10000), ==, 0);
  g_assert_cmpint (kt_money_percent (12345, 150), ==, 185);    /* 185.175 */
  g_assert_cmpint (kt_money_percent (KT_MONEY_MAX, 10000), ==, KT_MONEY_MAX);
  g_assert_cmpint (kt_money_percent (KT_MONEY_MAX, 9999), ==, 99990000000);
  g_assert_cmpint (kt_money_percent (KT_MONEY_MAX, 1), ==, 10000000);
  g_assert_cmpint (kt_money_percent (KT_MONEY_MAX - 1, 5000), ==, 50000000000); /* .5 up */
}

/* Exactly half a minor unit goes up; just below half goes down. */
static void
test_percent_half_up (void)
{
  g_assert_cmpint (kt_money_percent (10, 500), ==, 1);     /* 0.5 */
  g_assert_cmpint (kt_money_percent (30, 500), ==, 2);     /* 1.5 */
  g_assert_cmpint (kt_money_percent (50, 100), ==, 1);     /* 0.5 */
  g_assert_cmpint (kt_money_percent (49, 100), ==, 0);     /* 0.49 */
  g_assert_cmpint (kt_money_percent (9, 500), ==, 0);      /* 0.45 */
  g_assert_cmpint (kt_money_percent (1, 5000), ==, 1);     /* 0.5 */
  g_assert_cmpint (kt_money_percent (1, 4999), ==, 0);     /* 0.4999 */
  g_assert_cmpint (kt_money_percent (3, 5000), ==, 2);     /* 1.5 */

  /* A refund mirrors its purchase. */
  g_assert_cmpint (kt_money_percent (-10, 500), ==, -1);
  g_assert_cmpint (kt_money_percent (-12345, 150), ==, -185);
}

static void
test_percent_never_above_amount (void)
{
  const gint64 rates[] = { 1, 99, 100, 333, 500, 1550, 4999, 5000, 5001, 6667, 9999, 10000 };

  for (KtMoney amount = 0; amount <= 20000; amount++)
    for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
      {
        KtMoney part = kt_money_percent (amount, rates[i]);
        /* Small enough here to compute directly: exact value times 2, to
         * compare with the rounding boundary without fractions. */
        gint64 twice_exact = amount * rates[i] * 2;

        g_assert_cmpint (part, <=, amount);
        g_assert_cmpint (part, >=, 0);
        g_assert_cmpint (part * 20000, <=, twice_exact + 10000);
        g_assert_cmpint (part * 20000, >, twice_exact - 10000);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/accepted", test_parse_accepted);
  g_test_add_func ("/money/parse/thousands", test_parse_thousands);
  g_test_add_func ("/money/parse/limit", test_parse_limit);
  g_test_add_func ("/money/parse/refused", test_parse_refused);
  g_test_add_func ("/money/format", test_format);
  g_test_add_func ("/money/format/round-trip", test_format_parse_round_trip);
  g_test_add_func ("/money/format/currency", test_format_currency);
  g_test_add_func ("/money/format/currency-locale", test_format_currency_locale);
  g_test_add_func ("/money/currency-known", test_currency_known);
  g_test_add_func ("/money/percent/values", test_percent_values);
  g_test_add_func ("/money/percent/half-up", test_percent_half_up);
  g_test_add_func ("/money/percent/never-above-amount", test_percent_never_above_amount);

  return g_test_run ();
}
