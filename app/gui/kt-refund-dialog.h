/* kt-refund-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_REFUND_DIALOG (kt_refund_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtRefundDialog, kt_refund_dialog, KT, REFUND_DIALOG, AdwWindow)

KtRefundDialog *kt_refund_dialog_new (GtkWindow         *parent,
                                      KtStore           *store,
                                      KtPurchase        *purchase);

G_END_DECLS
