/* test-card-number.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-card-number"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "core/kt-card-number.h"
#include "core/kt-error.h"

/* Codes printed on real products and books, with their published check
 * digits. */
static void
test_check_digit_real_codes (void)
{
  g_assert_cmpint (kt_ean13_check_digit ("400638133393"), ==, 1);
  g_assert_cmpint (kt_ean13_check_digit ("590123412345"), ==, 7);
  g_assert_cmpint (kt_ean13_check_digit ("978030640615"), ==, 7);  /* ISBN 978-0-306-40615-7 */
  g_assert_cmpint (kt_ean13_check_digit ("501234567890"), ==, 0);

  /* A whole 13-digit code is fine too: only the first twelve count. */
  g_assert_cmpint (kt_ean13_check_digit ("4006381333931"), ==, 1);
}

static void
test_check_digit_refuses_non_digits (void)
{
  g_assert_cmpint (kt_ean13_check_digit ("40063813339"), ==, -1);
  g_assert_cmpint (kt_ean13_check_digit ("40063813339x"), ==, -1);
  g_assert_cmpint (kt_ean13_check_digit (""), ==, -1);
}

static void
test_make (void)
{
  g_autofree char *first = kt_card_number_make (0, 1);
  g_autofree char *last = kt_card_number_make (99, KT_CARD_SEQUENCE_MAX);
  g_autofree char *shop = kt_card_number_make (20, 4250);

  g_assert_cmpstr (first, ==, "2000000000015");
  g_assert_cmpstr (last, ==, "2999999999991");
  g_assert_cmpstr (shop, ==, "2200000042507");
}

static void
test_make_split_round_trip (void)
{
  const guint prefixes[] = { 0, 1, 7, 42, 99 };
  const guint64 sequences[] = { 0, 1, 9, 10, 123456789, 500000000, KT_CARD_SEQUENCE_MAX };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (sequences); j++)
      {
        g_autofree char *number = kt_card_number_make (prefixes[i], sequences[j]);
        g_autofree char *parsed = NULL;
        KtSymbology symbology = KT_SYMBOLOGY_QR;
        guint prefix = 1000;
        guint64 sequence = 0;
        g_autoptr(GError) error = NULL;

        g_assert_cmpuint (strlen (number), ==, 13);
        g_assert_true (kt_card_number_is_in_store (number));
        g_assert_true (kt_card_number_split (number, &prefix, &sequence));
        g_assert_cmpuint (prefix, ==, prefixes[i]);
        g_assert_cmpuint (sequence, ==, sequences[j]);

        /* What we print must be what we accept when it is scanned back. */
        g_assert_true (kt_card_number_parse (number, &parsed, &symbology, &error));
        g_assert_no_error (error);
        g_assert_cmpstr (parsed, ==, number);
        g_assert_cmpint (symbology, ==, KT_SYMBOLOGY_EAN13);
      }
}

static void
test_split_refuses_others (void)
{
  guint prefix = 1000;

  g_assert_false (kt_card_number_split ("4006381333931", &prefix, NULL));  /* a product */
  g_assert_false (kt_card_number_split ("2000000000016", &prefix, NULL));  /* wrong check digit */
  g_assert_false (kt_card_number_split ("200000000001", &prefix, NULL));
  g_assert_false (kt_card_number_split ("ABC123", &prefix, NULL));
  g_assert_false (kt_card_number_split (NULL, &prefix, NULL));
  g_assert_cmpuint (prefix, ==, 1000);

  g_assert_true (kt_card_number_split ("2000000000015", NULL, NULL));
}

static void
test_is_in_store (void)
{
  g_assert_true (kt_card_number_is_in_store ("2000000000015"));
  g_assert_false (kt_card_number_is_in_store ("4006381333931"));
  g_assert_false (kt_card_number_is_in_store ("200000000001"));
  g_assert_false (kt_card_number_is_in_store ("20000000000150"));
  g_assert_false (kt_card_number_is_in_store ("2A00000000015"));
  g_assert_false (kt_card_number_is_in_store (""));
  g_assert_false (kt_card_number_is_in_store (NULL));
}

static void
test_parse_trims_scanner_input (void)
{
  g_autofree char *number = NULL;
  KtSymbology symbology = KT_SYMBOLOGY_QR;
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_card_number_parse (" 2000000000015\r\n", &number, &symbology, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "2000000000015");
  g_assert_cmpint (symbology, ==, KT_SYMBOLOGY_EAN13);
}

static void
test_parse_wrong_check_digit (void)
{
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (kt_card_number_parse ("2990000000018", &number, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Card number 2990000000018 has a wrong check digit (expected 9): check the number");
  g_assert_null (number);
  g_clear_error (&error);

  /* A real product code with one digit mistyped. */
  g_assert_false (kt_card_number_parse ("4006381333932", NULL, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "expected 1"));
}

static void
test_parse_ean8 (void)
{
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_card_number_parse ("96385074", &number, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "96385074");

  g_assert_false (kt_card_number_parse ("96385075", NULL, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "expected 4"));
}

static void
test_parse_code128 (void)
{
  const char *accepted[] = { "ABC-123", "old/00042", "7", "123456789012", "12345678901234", "x~!" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *number = NULL;
      KtSymbology symbology = KT_SYMBOLOGY_QR;
      g_autoptr(GError) error = NULL;

      g_assert_true (kt_card_number_parse (accepted[i], &number, &symbology, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (number, ==, accepted[i]);
      g_assert_cmpint (symbology, ==, KT_SYMBOLOGY_CODE128);
    }
}

static void
test_parse_refusals (void)
{
  char too_long[KT_CARD_NUMBER_MAX_LEN + 2];
  char longest[KT_CARD_NUMBER_MAX_LEN + 1];
  struct
  {
    const char *input;
    const char *message_part;
  } refused[] = {
    { "", "Enter a card number" },
    { " \r\n", "Enter a card number" },
    { NULL, "Enter a card number" },
    { "AB 12", "contains a space" },
    { "Карта1", "other than Latin letters" },
    { "abc\x01", "other than Latin letters" },
    { "\xff\xfe", "other than Latin letters" },
    { too_long, "too long" },
  };

  memset (too_long, 'A', sizeof too_long - 1);
  too_long[sizeof too_long - 1] = '\0';
  memset (longest, 'A', sizeof longest - 1);
  longest[sizeof longest - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *number = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (kt_card_number_parse (refused[i].input, &number, NULL, &error));
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, refused[i].message_part) == NULL)
        g_error ("Refusing “%s”: “%s” does not say “%s”",
                 refused[i].input, error->message, refused[i].message_part);
      g_assert_null (number);
    }

  g_assert_true (kt_card_number_parse (longest, NULL, NULL, NULL));
}

static void
test_prefix_parse (void)
{
  const char *refused[] = { "", "100", "-1", "a", "1a", "007", NULL };
  guint prefix = 1000;

  g_assert_true (kt_card_prefix_parse ("0", &prefix, NULL));
  g_assert_cmpuint (prefix, ==, 0);
  g_assert_true (kt_card_prefix_parse ("7", &prefix, NULL));
  g_assert_cmpuint (prefix, ==, 7);
  g_assert_true (kt_card_prefix_parse ("07", &prefix, NULL));
  g_assert_cmpuint (prefix, ==, 7);
  g_assert_true (kt_card_prefix_parse ("99", &prefix, NULL));
  g_assert_cmpuint (prefix, ==, 99);
  g_assert_true (kt_card_prefix_parse ("42", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      prefix = 1000;
      g_assert_false (kt_card_prefix_parse (refused[i], &prefix, &error));
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "0 to 99"));
      g_assert_cmpuint (prefix, ==, 1000);
    }
}

static void
test_symbology_names (void)
{
  g_assert_cmpstr (kt_symbology_to_string (KT_SYMBOLOGY_EAN13), ==, "ean13");
  g_assert_cmpstr (kt_symbology_to_string (KT_SYMBOLOGY_CODE128), ==, "code128");
  g_assert_cmpstr (kt_symbology_to_string (KT_SYMBOLOGY_QR), ==, "qr");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card-number/check-digit", test_check_digit_real_codes);
  g_test_add_func ("/card-number/check-digit-non-digits", test_check_digit_refuses_non_digits);
  g_test_add_func ("/card-number/make", test_make);
  g_test_add_func ("/card-number/make-split-round-trip", test_make_split_round_trip);
  g_test_add_func ("/card-number/split-refuses-others", test_split_refuses_others);
  g_test_add_func ("/card-number/is-in-store", test_is_in_store);
  g_test_add_func ("/card-number/parse-trims", test_parse_trims_scanner_input);
  g_test_add_func ("/card-number/parse-wrong-check-digit", test_parse_wrong_check_digit);
  g_test_add_func ("/card-number/parse-ean8", test_parse_ean8);
  g_test_add_func ("/card-number/parse-code128", test_parse_code128);
  g_test_add_func ("/card-number/parse-refusals", test_parse_refusals);
  g_test_add_func ("/card-number/prefix-parse", test_prefix_parse);
  g_test_add_func ("/card-number/symbology-names", test_symbology_names);

  return g_test_run ();
}
