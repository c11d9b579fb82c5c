/* kt-card-number.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KT_SYMBOLOGY_EAN13 = 0,
  KT_SYMBOLOGY_CODE128 = 1,
  KT_SYMBOLOGY_QR = 2,
} KtSymbology;

/* Our own card numbers: 2 + two-digit shop prefix + nine-digit sequence +
 * EAN-13 check digit (GS1 restricted circulation, never a product code).
 */
#define KT_CARD_SEQUENCE_MAX G_GUINT64_CONSTANT (999999999)
#define KT_CARD_NUMBER_MAX_LEN 32

int          kt_ean13_check_digit         (const char   *first_twelve);
char        *kt_card_number_make          (guint         shop_prefix,
                                           guint64       sequence);
gboolean     kt_card_number_parse         (const char   *input,
                                           char        **out_number,
                                           KtSymbology  *out_symbology,
                                           GError      **error);
gboolean     kt_card_number_is_in_store   (const char   *number);
gboolean     kt_card_number_split         (const char   *number,
                                           guint        *out_shop_prefix,
                                           guint64      *out_sequence);
gboolean     kt_card_prefix_parse         (const char   *text,
                                           guint        *out_prefix,
                                           GError      **error);
const char  *kt_symbology_to_string       (KtSymbology   symbology);

G_END_DECLS
