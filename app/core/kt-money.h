/* kt-money.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is whole minor units (kopecks, fillér, cents) in 64 bits, never a
 * float. Every currency Kartoteka supports has two minor digits.
 */
typedef gint64 KtMoney;

/* The largest amount accepted from a user: 1,000,000,000.00 in any currency.
 * Anything above is a typing accident, not a purchase.
 */
#define KT_MONEY_MAX ((KtMoney) 100000000000)

gboolean  kt_money_parse           (const char  *text,
                                    KtMoney     *out_amount,
                                    GError     **error);
char     *kt_money_format          (KtMoney      amount);
char     *kt_money_format_currency (KtMoney      amount,
                                    const char  *currency);
gboolean  kt_currency_is_known     (const char  *code);
KtMoney   kt_money_percent         (KtMoney      amount,
                                    gint64       basis_points);

G_END_DECLS
