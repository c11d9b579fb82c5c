/* kt-checkout-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_CHECKOUT_DIALOG (kt_checkout_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtCheckoutDialog, kt_checkout_dialog, KT, CHECKOUT_DIALOG, AdwWindow)

KtCheckoutDialog *kt_checkout_dialog_new (GtkWindow       *parent,
                                          KtStore         *store,
                                          const KtMember  *member);

G_END_DECLS
