/* kt-cards-view.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store-print.h"

G_BEGIN_DECLS

#define KT_TYPE_CARDS_VIEW (kt_cards_view_get_type ())
G_DECLARE_FINAL_TYPE (KtCardsView, kt_cards_view, KT, CARDS_VIEW, AdwBin)

void  kt_cards_view_set_store  (KtCardsView *self,
                                KtStore     *store);
/* Reads the batches and designs again from the register. */
void  kt_cards_view_reload     (KtCardsView *self);

/* "Batch 3 · 1 000 cards": how a batch is named wherever it is listed. */
char *kt_card_batch_title      (const KtCardBatch *batch);

G_END_DECLS
