/* kt-balance-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

/* Which of the member's balances the dialog changes. */
typedef enum
{
  KT_BALANCE_POINTS,
  KT_BALANCE_GIFT,
} KtBalanceKind;

#define KT_TYPE_BALANCE_DIALOG (kt_balance_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtBalanceDialog, kt_balance_dialog, KT, BALANCE_DIALOG, AdwWindow)

KtBalanceDialog *kt_balance_dialog_new (GtkWindow       *parent,
                                        KtStore         *store,
                                        const KtMember  *member,
                                        KtBalanceKind    kind,
                                        GError         **error);

G_END_DECLS
