/* kt-member-dialog.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_MEMBER_DIALOG (kt_member_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KtMemberDialog, kt_member_dialog, KT, MEMBER_DIALOG, AdwWindow)

KtMemberDialog *kt_member_dialog_new (GtkWindow      *parent,
                                      KtStore        *store,
                                      const KtMember *member);
/* A new member is given this blank card, as if it was scanned into the
 * form. */
void            kt_member_dialog_set_blank_card (KtMemberDialog *self,
                                                 const char     *number);

G_END_DECLS
