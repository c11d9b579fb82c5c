/* kt-quote-simulator.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/kt-quote.h"
#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_QUOTE_SIMULATOR (kt_quote_simulator_get_type ())
G_DECLARE_FINAL_TYPE (KtQuoteSimulator, kt_quote_simulator, KT, QUOTE_SIMULATOR, AdwBin)

void           kt_quote_simulator_set_store (KtQuoteSimulator *self,
                                             KtStore          *store);
/* The programme or the shop's currency changed: quote again. */
void           kt_quote_simulator_refresh   (KtQuoteSimulator *self);
/* The quote on show, or NULL while a field or the store refuses. */
const KtQuote *kt_quote_simulator_get_quote (KtQuoteSimulator *self);

G_END_DECLS
