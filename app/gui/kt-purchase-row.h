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

GtkWidget *kt_purchase_row_new (const KtPurchase *purchase,
                                const char       *currency);

G_END_DECLS
