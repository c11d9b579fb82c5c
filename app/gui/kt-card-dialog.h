/* kt-card-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_CARD_DIALOG (kt_card_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtCardDialog, kt_card_dialog, KT, CARD_DIALOG, AdwWindow)

KtCardDialog *kt_card_dialog_new_issue   (GtkWindow      *parent,
                                          KtStore        *store,
                                          const KtMember *member);
KtCardDialog *kt_card_dialog_new_replace (GtkWindow      *parent,
                                          KtStore        *store,
                                          const KtMember *member,
                                          const char     *old_number);

G_END_DECLS
