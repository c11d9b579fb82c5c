/* kt-quote-view.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/kt-quote.h"

G_BEGIN_DECLS

#define KT_TYPE_QUOTE_VIEW (kt_quote_view_get_type ())
G_DECLARE_FINAL_TYPE (KtQuoteView, kt_quote_view, KT, QUOTE_VIEW, AdwBin)

GtkWidget *kt_quote_view_new         (void);
/* Shows `quote` the way the till shows it, amounts in `currency` (NULL:
 * no currency symbol). A NULL quote clears the view. The quote is not
 * kept: the view copies what it shows. */
void       kt_quote_view_set_quote   (KtQuoteView    *self,
                                      const KtQuote  *quote,
                                      const char     *currency);
/* Shows a refusal (a GError message) in place of the quote; NULL clears. */
void       kt_quote_view_set_message (KtQuoteView    *self,
                                      const char     *message);

/* "−5.00 ₴": money taken off, with a real minus sign as on a receipt. */
char      *kt_quote_view_format_deduction (KtMoney      amount,
                                           const char  *currency);

G_END_DECLS
