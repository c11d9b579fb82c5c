/* kt-card-number.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Card numbers as printed, typed and scanned. The check digit is what keeps
 * a mistyped number from finding another member, so a number that looks
 * like an EAN is accepted only when its check digit is right.
 */

#define G_LOG_DOMAIN "kt-card-number"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-card-number.h"
#include "core/kt-error.h"
#include "core/kt-text.h"

#define EAN13_LENGTH 13
#define EAN8_LENGTH 8
#define IN_STORE_FIRST_DIGIT '2'
#define MESSAGE_MAX_CHARS 40

/* The GS1 check digit of the first `length` digits: weights 3 and 1
 * alternate starting with 3 on the rightmost digit. This one rule serves
 * EAN-13 (12 digits) and EAN-8 (7 digits). */
static int
gtin_check_digit (const char *digits,
                  gsize       length)
{
  int sum = 0;

  for (gsize i = 0; i < length; i++)
    {
      int digit = digits[length - 1 - i] - '0';

      sum += i % 2 == 0 ? 3 * digit : digit;
    }

  return (10 - sum % 10) % 10;
}

static gboolean
has_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_all_digits (const char *text,
               gsize       length)
{
  return strlen (text) == length && has_digits (text, length);
}

/* Returns -1 when the text does not start with twelve digits. */
int
kt_ean13_check_digit (const char *first_twelve)
{
  g_return_val_if_fail (first_twelve != NULL, -1);

  if (strnlen (first_twelve, EAN13_LENGTH - 1) < EAN13_LENGTH - 1
      || !has_digits (first_twelve, EAN13_LENGTH - 1))
    return -1;

  return gtin_check_digit (first_twelve, EAN13_LENGTH - 1);
}

char *
kt_card_number_make (guint   shop_prefix,
                     guint64 sequence)
{
  char number[EAN13_LENGTH + 1];

  g_return_val_if_fail (shop_prefix <= 99, NULL);
  g_return_val_if_fail (sequence <= KT_CARD_SEQUENCE_MAX, NULL);

  g_snprintf (number, sizeof number, "%c%02u%09" G_GUINT64_FORMAT,
              IN_STORE_FIRST_DIGIT, shop_prefix, sequence);
  number[EAN13_LENGTH - 1] = (char) ('0' + gtin_check_digit (number, EAN13_LENGTH - 1));
  number[EAN13_LENGTH] = '\0';

  return g_strdup (number);
}

static gboolean
check_gtin (const char  *number,
            gsize        length,
            GError     **error)
{
  int expected = gtin_check_digit (number, length - 1);

  if (number[length - 1] - '0' == expected)
    return TRUE;

  g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
               _("Card number %s has a wrong check digit (expected %d): check the number"),
               number, expected);
  return FALSE;
}

/* Every card number is printable ASCII: Code 128 numbers from older systems
 * may hold letters and punctuation, but no spaces, which a scanner or a
 * spreadsheet would silently mangle. */
static gboolean
check_characters (const char  *number,
                  GError     **error)
{
  g_autofree char *shown = NULL;

  for (const char *p = number; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x21 && c <= 0x7e)
        continue;

      shown = kt_text_for_message (number, MESSAGE_MAX_CHARS);
      if (c == ' ' || c == '\t')
        g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                     _("Card number “%s” contains a space: card numbers are written without spaces"),
                     shown);
      else
        g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                     _("Card number “%s” contains characters other than Latin letters, digits and punctuation"),
                     shown);
      return FALSE;
    }

  return TRUE;
}

/* Reads a card number as typed or scanned. Scanners end with CR/LF and
 * people paste with spaces around, so the ends are trimmed. 13 digits are
 * EAN-13 and 8 digits EAN-8, both only with a right check digit; anything
 * else printable is a Code 128 number. An EAN-8 number (cards migrated from
 * another system) is reported as KT_SYMBOLOGY_CODE128: Kartoteka prints no
 * EAN-8 codes, and Code 128 encodes those eight digits when such a card is
 * printed again. */
gboolean
kt_card_number_parse (const char   *input,
                      char        **out_number,
                      KtSymbology  *out_symbology,
                      GError      **error)
{
  g_autofree char *number = g_strstrip (g_strdup (input != NULL ? input : ""));
  gsize length = strlen (number);
  KtSymbology symbology;

  if (length == 0)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("Enter a card number or scan the card"));
      return FALSE;
    }

  /* Characters first: once they are known to be ASCII, bytes are
   * characters and the length below is the one the user sees. */
  if (!check_characters (number, error))
    return FALSE;

  if (length > KT_CARD_NUMBER_MAX_LEN)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The card number is too long: it has %u character, at most %d are allowed",
                                "The card number is too long: it has %u characters, at most %d are allowed",
                                length),
                   (guint) length, KT_CARD_NUMBER_MAX_LEN);
      return FALSE;
    }

  if (is_all_digits (number, EAN13_LENGTH))
    {
      if (!check_gtin (number, EAN13_LENGTH, error))
        return FALSE;
      symbology = KT_SYMBOLOGY_EAN13;
    }
  else if (is_all_digits (number, EAN8_LENGTH))
    {
      if (!check_gtin (number, EAN8_LENGTH, error))
        return FALSE;
      symbology = KT_SYMBOLOGY_CODE128;
    }
  else
    symbology = KT_SYMBOLOGY_CODE128;

  if (out_symbology != NULL)
    *out_symbology = symbology;
  if (out_number != NULL)
    *out_number = g_steal_pointer (&number);

  return TRUE;
}

gboolean
kt_card_number_is_in_store (const char *number)
{
  return number != NULL
         && number[0] == IN_STORE_FIRST_DIGIT
         && is_all_digits (number, EAN13_LENGTH);
}

/* The inverse of kt_card_number_make(): FALSE for anything make() could not
 * have produced, a wrong check digit included. */
gboolean
kt_card_number_split (const char *number,
                      guint      *out_shop_prefix,
                      guint64    *out_sequence)
{
  if (!kt_card_number_is_in_store (number)
      || number[EAN13_LENGTH - 1] - '0' != gtin_check_digit (number, EAN13_LENGTH - 1))
    return FALSE;

  if (out_shop_prefix != NULL)
    *out_shop_prefix = (guint) ((number[1] - '0') * 10 + (number[2] - '0'));

  if (out_sequence != NULL)
    {
      guint64 sequence = 0;

      for (int i = 3; i < EAN13_LENGTH - 1; i++)
        sequence = sequence * 10 + (guint64) (number[i] - '0');
      *out_sequence = sequence;
    }

  return TRUE;
}

/* The shop prefix as the owner types it in the settings: 0 to 99, one or
 * two digits ("7" and "07" are the same prefix). */
gboolean
kt_card_prefix_parse (const char  *text,
                      guint       *out_prefix,
                      GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize length = strlen (stripped);

  if (length == 0 || length > 2 || !has_digits (stripped, length))
    {
      g_autofree char *shown = kt_text_for_message (stripped, MESSAGE_MAX_CHARS);

      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The card number prefix “%s” is not valid: enter a number from 0 to 99"),
                   shown);
      return FALSE;
    }

  if (out_prefix != NULL)
    *out_prefix = (guint) g_ascii_strtoull (stripped, NULL, 10);

  return TRUE;
}

/* Stable names for files, the CLI and JSON; never translated. */
const char *
kt_symbology_to_string (KtSymbology symbology)
{
  switch (symbology)
    {
    case KT_SYMBOLOGY_EAN13:
      return "ean13";
    case KT_SYMBOLOGY_CODE128:
      return "code128";
    case KT_SYMBOLOGY_QR:
      return "qr";
    default:
      g_return_val_if_reached (NULL);
    }
}
