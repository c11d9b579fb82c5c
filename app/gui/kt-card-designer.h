/* kt-card-designer.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/kt-card-design.h"
#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_CARD_DESIGNER (kt_card_designer_get_type ())
G_DECLARE_FINAL_TYPE (KtCardDesigner, kt_card_designer, KT, CARD_DESIGNER, AdwWindow)

/* Edits a copy of `design` (id 0: a new one); Save writes it to the
 * register and emits "saved". */
KtCardDesigner *kt_card_designer_new        (GtkWindow          *parent,
                                             KtStore            *store,
                                             const KtCardDesign *design);
/* The design as edited so far (for the tests). */
const KtCardDesign *kt_card_designer_get_design (KtCardDesigner *self);

G_END_DECLS
