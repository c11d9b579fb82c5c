/* kt-batch-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_BATCH_DIALOG (kt_batch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtBatchDialog, kt_batch_dialog, KT, BATCH_DIALOG, AdwWindow)

KtBatchDialog *kt_batch_dialog_new (GtkWindow *parent,
                                    KtStore   *store);

G_END_DECLS
