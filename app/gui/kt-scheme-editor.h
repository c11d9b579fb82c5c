/* kt-scheme-editor.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/kt-scheme.h"
#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_SCHEME_EDITOR (kt_scheme_editor_get_type ())
G_DECLARE_FINAL_TYPE (KtSchemeEditor, kt_scheme_editor, KT, SCHEME_EDITOR, AdwWindow)

KtSchemeEditor *kt_scheme_editor_new        (GtkWindow          *parent,
                                             KtStore            *store,
                                             KtScheme           *scheme,
                                             const char * const *tier_names);
const char     *kt_scheme_editor_get_error  (KtSchemeEditor     *self);

G_END_DECLS
