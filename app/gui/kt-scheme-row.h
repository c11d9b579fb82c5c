/* kt-scheme-row.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/kt-scheme.h"

G_BEGIN_DECLS

#define KT_TYPE_SCHEME_ROW (kt_scheme_row_get_type ())
G_DECLARE_FINAL_TYPE (KtSchemeRow, kt_scheme_row, KT, SCHEME_ROW, AdwActionRow)

/* A scheme in the Schemes view's list. Its buttons activate the actions
 * "schemes.edit" and "schemes.delete" (target: the scheme id, "x"), its
 * switch "schemes.set-active" ("(xb)"). */
GtkWidget *kt_scheme_row_new           (const KtScheme *scheme,
                                        const char     *currency,
                                        const char     *today);
gint64     kt_scheme_row_get_scheme_id (KtSchemeRow    *self);

G_END_DECLS
