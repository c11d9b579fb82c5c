/* kt-purchase-row.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_PURCHASE_ROW (kt_purchase_row_get_type ())
G_DECLARE_FINAL_TYPE (KtPurchaseRow, kt_purchase_row, KT, PURCHASE_ROW, GtkListBoxRow)

GtkWidget *kt_purchase_row_new             (KtStore          *store,
                                            const KtPurchase *purchase,
                                            const char       *currency);
gint64     kt_purchase_row_get_purchase_id (KtPurchaseRow    *self);
gboolean   kt_purchase_row_get_expanded    (KtPurchaseRow    *self);
void       kt_purchase_row_set_expanded    (KtPurchaseRow    *self,
                                            gboolean          expanded);

G_END_DECLS
