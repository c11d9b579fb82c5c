/* kt-card-row.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_CARD_ROW (kt_card_row_get_type ())
G_DECLARE_FINAL_TYPE (KtCardRow, kt_card_row, KT, CARD_ROW, AdwActionRow)

GtkWidget  *kt_card_row_new        (const KtCard *card,
                                    const char   *replacement_number);
const char *kt_card_row_get_number (KtCardRow    *self);

G_END_DECLS
