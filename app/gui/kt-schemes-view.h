/* kt-schemes-view.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_SCHEMES_VIEW (kt_schemes_view_get_type ())
G_DECLARE_FINAL_TYPE (KtSchemesView, kt_schemes_view, KT, SCHEMES_VIEW, AdwBin)

void     kt_schemes_view_set_store    (KtSchemesView *self,
                                       KtStore       *store);
/* Reads the programme again from the register. */
void     kt_schemes_view_reload       (KtSchemesView *self);
/* What the file choosers do once a file is chosen: a file that is refused
 * is explained in a dialog, and nothing changes. */
void     kt_schemes_view_import_file  (KtSchemesView *self,
                                       GFile         *file);
void     kt_schemes_view_export_file  (KtSchemesView *self,
                                       GFile         *file);

G_END_DECLS
